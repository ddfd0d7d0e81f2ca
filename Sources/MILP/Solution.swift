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
        /// A solution was found but optimality was not proven before the time limit.
        case feasible
        /// Proven to have no solution.
        case infeasible
        /// The objective is unbounded.
        case unbounded
        /// The time limit expired before any solution was found.
        case timeLimitNoSolution
    }

    public var status: Status
    public var values: [Double]
    public var objective: Double?
    public var bound: Double?

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

    /// Primal or dual simplex (GLPK's `GLP_PRIMAL`, `GLP_DUALP`: dual, falling back to primal).
    public enum Simplex: Sendable { case primal, dual }

    public init(timeLimitMilliseconds: Int = 1_000, presolve: Bool = true, relativeGap: Double = 0,
                verbose: Bool = false, initialSolution: [Double]? = nil, simplex: Simplex = .primal) {
        self.timeLimitMilliseconds = timeLimitMilliseconds
        self.presolve = presolve
        self.relativeGap = relativeGap
        self.verbose = verbose
        self.initialSolution = initialSolution
        self.simplex = simplex
    }
}
