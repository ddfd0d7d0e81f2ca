import CGLPK

/// The root relaxation of an integer program, lent to `MILPSolver.solve(_:options:afterRelaxation:atNode:)`'s
/// `afterRelaxation` for diving: raise some columns' lower bounds, re-optimise from the current
/// basis with the dual simplex (a few pivots where the simplex from scratch takes thousands), read
/// the new optimum, go on or start again from the root.
///
/// Invariants: usable only during the `afterRelaxation` call it is lent to; afterwards the solver
/// gives every column its model bounds and the root's basis and objective back, so branch-and-bound
/// starts from the same relaxation as without diving. Lower bounds are raised, never past a
/// column's upper bound, never lowered below the model's. Re-optimisation uses the guide objective
/// when the solve has one (`SolveOptions.guideObjective`), else the model's; every re-optimisation
/// stops at the solve's deadline.
public final class RelaxationProbe {
    private let problem: OpaquePointer
    private let model: LinearModel
    private let deadline: SolveDeadline
    private let guide: [Double]?
    /// Columns (1-based) whose bounds differ from the model's.
    private var changed: Set<Int32> = []
    private var guideSet = false
    /// Whether the simplex ran since the last `restore`.
    private var used = false
    /// The longest re-optimisation so far, in wall-clock time: what one more step may take, and
    /// what branch-and-bound's time-keeping assumes of its own steps before it has measured any.
    public private(set) var longestStep: Duration = .zero

    /// `longestStep` in whole milliseconds, rounded up.
    public var longestStepMilliseconds: Int { Int((longestStep / .milliseconds(1)).rounded(.up)) }

    /// The root relaxation's optimal basis, which every new dive and branch-and-bound start from.
    private let root: RootBasis

    init(problem: OpaquePointer, model: LinearModel, deadline: SolveDeadline, guide: [Double]?) {
        root = RootBasis(problem)
        self.problem = problem
        self.model = model
        self.deadline = deadline
        self.guide = guide
    }

    /// Raises each listed column's lower bound to `lower` (capped at its upper bound; a bound at
    /// or below the current one changes nothing) and re-optimises. Returns the new optimum's
    /// values, one per column, or nil when the bounds leave no feasible point or time ran out (the
    /// bounds stay raised: `resetAll` takes them back).
    public func raise(_ bounds: [(column: Int, lower: Double)]) -> [Double]? {
        if !guideSet, let guide {
            guideSet = true
            GLPKProblem.setObjective(problem, guide)
        }
        for (column, lower) in bounds where column >= 0 && column < model.columns.count {
            let j = Int32(column + 1)
            var bounds = model.columns[column]
            let raised = bounds.upper.map { min($0, lower) } ?? lower
            guard raised > glp_get_col_lb(problem, j) else { continue }
            changed.insert(j)
            bounds.lower = raised
            GLPKProblem.setBounds(problem, j, bounds)
        }
        used = true
        let left = deadline.remainingMilliseconds
        guard left > 0 else { return nil }
        var simplex = glp_smcp()
        glp_init_smcp(&simplex)
        simplex.msg_lev = GLP_MSG_OFF
        simplex.meth = GLP_DUALP
        simplex.tm_lim = Int32(clamping: left)
        let start = ContinuousClock.now
        _ = glp_simplex(problem, &simplex)
        longestStep = max(longestStep, ContinuousClock.now - start)
        guard glp_get_status(problem) == GLP_OPT else { return nil }
        return GLPKProblem.primalValues(problem, columns: model.columns.count)
    }

    /// Every column's model bounds and the root's basis back: the next `raise` starts a new dive
    /// from the root's optimum (re-optimising from where the last dive ended costs many times more).
    public func resetAll() {
        for j in changed { GLPKProblem.setBounds(problem, j, model.columns[Int(j) - 1]) }
        changed.removeAll()
        if used { root.restore(problem) }
    }

    /// Every column's model bounds, the root's basis and the model's objective back (the solver
    /// calls this after `afterRelaxation`, then factorises the basis again when this says the
    /// probe had re-optimised anything).
    func restore() -> Bool {
        defer { used = false }
        resetAll()
        if guideSet {
            GLPKProblem.setObjective(problem, model.columns.map(\.objective))
            guideSet = false
        }
        return used
    }
}

/// The status of every row and column of an optimal basis, to come back to after diving.
struct RootBasis {
    let rows: [Int32]
    let columns: [Int32]

    init(_ p: OpaquePointer) {
        rows = (0..<glp_get_num_rows(p)).map { glp_get_row_stat(p, $0 + 1) }
        columns = (0..<glp_get_num_cols(p)).map { glp_get_col_stat(p, $0 + 1) }
    }

    func restore(_ p: OpaquePointer) {
        for (index, status) in rows.enumerated() { glp_set_row_stat(p, Int32(index + 1), status) }
        for (index, status) in columns.enumerated() { glp_set_col_stat(p, Int32(index + 1), status) }
    }
}
