/// The outcome of one solve.
///
/// Invariants: `values` has one entry per model column when `status` is `.optimal` or
/// `.feasible`, and is empty otherwise; `objective` is present exactly when values are.
/// `bound` is the best proven bound on the objective (equal to `objective` when optimal).
public struct Solution: Sendable {
    /// What the solver established.
    public enum Status: Sendable, Equatable {
        /// Proven optimal (within the relative gap asked for).
        case optimal
        /// A solution was found but optimality was not proven before the time or node limit.
        case feasible
        /// Proven to have no solution.
        case infeasible
        /// The objective is unbounded.
        case unbounded
        /// The time or node limit was reached before any solution was found.
        case timeLimitNoSolution
    }

    public var status: Status
    public var values: [Double]
    public var objective: Double?
    public var bound: Double?
    /// For a relaxation solved with `SolveOptions.guideObjective`: the guide's optimum (one value
    /// per column), a vertex chosen among the relaxation's near-optima by the guide.
    public var guided: [Double]?

    public init(status: Status, values: [Double], objective: Double?, bound: Double?, guided: [Double]? = nil) {
        self.status = status
        self.values = values
        self.objective = objective
        self.bound = bound
        self.guided = guided
    }

    /// Whether `values` hold a usable assignment.
    public var hasSolution: Bool { status == .optimal || status == .feasible }

    /// The value of a variable, rounded for integer variables by the caller's choice.
    public func value(_ variable: LinearModel.Variable) -> Double {
        values[variable.index]
    }

    /// Relative gap between objective and bound, when both are known.
    public var relativeGap: Double? {
        guard let objective, let bound else { return nil }
        return abs(objective - bound) / max(1e-9, abs(objective))
    }
}

/// How a solve runs.
public struct SolveOptions: Sendable {
    /// Wall-clock limit for the whole solve, in milliseconds.
    public var timeLimitMilliseconds: Int
    /// Whether GLPK's presolver runs.
    public var presolve: Bool
    /// Relative MIP gap at which a solution counts as optimal (0 = exact).
    public var relativeGap: Double
    /// Whether GLPK may print to the terminal (off in production: stdout carries the protocol).
    public var verbose: Bool
    /// A feasible solution (one value per column) handed to branch-and-cut as its first incumbent;
    /// ignored when it is not feasible.
    public var initialSolution: [Double]?
    /// The simplex method for linear programs and for the relaxation solved before
    /// branch-and-bound when the presolver is off (always the case with an initial solution).
    /// Which is faster depends on the model: measure.
    public var simplex: Simplex
    /// The cutting planes branch-and-cut adds (none by default): stronger bounds per node, more
    /// time per node. Which pay depends on the model: measure.
    public var cuts: Cuts
    /// Objective coefficients (one per column) of a relaxation solved before the model's own, from
    /// whose optimal basis the model's relaxation is then re-optimised; the guide's optimum is
    /// returned as `Solution.guided` (to `afterRelaxation`). A tie-breaking objective gives a vertex
    /// that rounds better than the model's own, which may be degenerate. Only where branch-and-bound
    /// starts from a relaxation the solver solves itself (no presolve, an incumbent, or
    /// `afterRelaxation`).
    public var guideObjective: [Double]?
    /// How branch-and-bound picks the variable to branch on.
    public var branching: Branching
    /// Whether the relaxation the solver solves itself starts from GLPK's advanced basis (a
    /// triangular one over the rows, as glpsol does) instead of the all-slack basis: fewer simplex
    /// iterations on the offline program, not measured to help the re-assignment's.
    public var advancedBasis: Bool
    /// Whether branch-and-bound stops before the time limit when twice its longest step so far (at
    /// first, the longest re-optimisation of a `RelaxationProbe`) would end past it. GLPK checks its
    /// limit only between nodes, and a node's cut rounds and simplex run past it; this keeps the
    /// wall time within the cap, at the price of the last steps' work (which the re-assignment,
    /// measured, needs: its plans are often found just past the cap).
    public var strictTimeLimit: Bool
    /// Columns (0-based) left out of the relaxation the solver solves itself at first, then priced
    /// in (column generation): after each optimum, those whose reduced cost would improve it join,
    /// until none would; the relaxation's optimum is the whole model's. A large model whose optimum
    /// uses few of its columns solves faster from a small start. Columns with a lower bound other
    /// than zero are never left out. Branch-and-bound sees every column.
    public var deferredColumns: [Int]?
    /// The most branch-and-bound nodes (GLPK's count of subproblems created) before the search
    /// stops with its best solution and bound: a cap on work rather than time, so a capped search
    /// ends at the same point on any machine fast enough to reach it before the time limit.
    public var nodeLimit: Int?
    /// Asked at every branch-and-cut callback; when it says yes, the search stops with its best
    /// solution and bound, as at the time limit (another search running at once has made this one
    /// pointless, say). Not asked during a relaxation.
    public var stop: (@Sendable () -> Bool)?
    /// The most simplex iterations (pivots) of a linear program's solve before it stops undecided
    /// (`timeLimitNoSolution`): a cap on work rather than time, so that a capped solve ends at the
    /// same point on every machine. Linear programs only; nil: no cap.
    public var iterationLimit: Int?

    /// GLPK's cut generators.
    public struct Cuts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Gomory's mixed integer cuts.
        public static let gomory = Cuts(rawValue: 1)
        public static let mixedIntegerRounding = Cuts(rawValue: 2)
        public static let cover = Cuts(rawValue: 4)
        public static let clique = Cuts(rawValue: 8)
    }

    /// GLPK's branching rules (`GLP_BR_DTH`, `GLP_BR_MFV`, `GLP_BR_PCH`).
    public enum Branching: Sendable {
        /// Driebeck and Tomlin's heuristic (GLPK's default).
        case driebeckTomlin
        /// The most fractional variable.
        case mostFractional
        /// Pseudocosts (hybrid).
        case pseudocost
    }

    /// Primal or dual simplex (GLPK's `GLP_PRIMAL`, `GLP_DUALP`: dual, falling back to primal).
    public enum Simplex: Sendable { case primal, dual }

    public init(timeLimitMilliseconds: Int = 1_000, presolve: Bool = true, relativeGap: Double = 0,
                verbose: Bool = false, initialSolution: [Double]? = nil, simplex: Simplex = .primal, cuts: Cuts = [],
                branching: Branching = .driebeckTomlin, guideObjective: [Double]? = nil,
                advancedBasis: Bool = false, strictTimeLimit: Bool = false, deferredColumns: [Int]? = nil,
                nodeLimit: Int? = nil, stop: (@Sendable () -> Bool)? = nil, iterationLimit: Int? = nil) {
        self.timeLimitMilliseconds = timeLimitMilliseconds
        self.presolve = presolve
        self.relativeGap = relativeGap
        self.verbose = verbose
        self.initialSolution = initialSolution
        self.simplex = simplex
        self.cuts = cuts
        self.branching = branching
        self.guideObjective = guideObjective
        self.advancedBasis = advancedBasis
        self.strictTimeLimit = strictTimeLimit
        self.deferredColumns = deferredColumns
        self.nodeLimit = nodeLimit
        self.stop = stop
        self.iterationLimit = iterationLimit
    }
}
