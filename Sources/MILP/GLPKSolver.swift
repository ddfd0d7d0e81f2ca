import CGLPK

/// Solves a `LinearModel` with GLPK (simplex for pure LPs, branch-and-cut for MIPs).
///
/// Invariants: a model is validated before any GLPK call (GLPK aborts on misuse); GLPK's
/// terminal output is off unless `verbose`; every GLPK problem object is freed before
/// `solve` returns. Each call builds a fresh GLPK problem, so solves share no state.
public struct MILPSolver: Sendable {
    public init() {}

    /// Solves the model within `options.timeLimitMilliseconds`.
    public func solve(_ model: LinearModel, options: SolveOptions = SolveOptions()) throws(MILPError) -> Solution {
        try model.validate()
        guard options.timeLimitMilliseconds > 0 else {
            throw .invalidModel("time limit must be positive")
        }
        guard !model.columns.isEmpty else {
            // GLPK rejects problems without columns; the answer is trivial.
            let feasible = model.rows.allSatisfy { ($0.lower ?? 0) <= 0 && 0 <= ($0.upper ?? 0) }
            return feasible
                ? Solution(status: .optimal, values: [], objective: model.objectiveConstant, bound: model.objectiveConstant)
                : Solution(status: .infeasible, values: [], objective: nil, bound: nil)
        }
        let problem = Self.load(model, options: options)
        defer { problem.free() }
        guard model.isInteger else { return solveLinear(problem.pointer, model: model, options: options) }
        let outcome = solveInteger(problem.pointer, model: model, options: options, afterRelaxation: nil)
        return outcome.solution
            ?? Solution(status: .timeLimitNoSolution, values: [], objective: nil, bound: outcome.relaxation?.objective)
    }

    /// What to do once the root relaxation of an integer program is solved.
    public enum AfterRelaxation: Sendable {
        /// The caller has what it needs (say, a plan that meets the relaxation's bound).
        case stop
        /// Branch and bound from the relaxation's basis, with an incumbent (one value per column,
        /// ignored when infeasible) to prune against.
        case branch(incumbent: [Double]?)
    }

    /// Solves an integer program's relaxation, shows it to `afterRelaxation` (to round it into a
    /// plan, say) with a `RelaxationProbe` to dive on it, then branches from the same basis within
    /// what is left of the time limit: the relaxation is solved once, not again by branch-and-bound.
    /// `atNode`, when given, sees each branch-and-bound node's relaxation and may return a solution
    /// (one value per column; used only when feasible) for the search to prune against: a
    /// problem-specific rounding, say.
    /// Returns the relaxation (nil when it was not solved to optimality) and branch-and-bound's
    /// result (nil when it did not run).
    public func solve(_ model: LinearModel, options: SolveOptions,
                      afterRelaxation: (Solution, RelaxationProbe) -> AfterRelaxation,
                      atNode: ((Solution) -> [Double]?)? = nil) throws(MILPError) -> (relaxation: Solution?, solution: Solution?) {
        try model.validate()
        guard options.timeLimitMilliseconds > 0 else {
            throw .invalidModel("time limit must be positive")
        }
        guard !model.columns.isEmpty, model.isInteger else {
            let solution = try solve(model, options: options)
            return (solution.status == .optimal ? solution : nil, nil)
        }
        let problem = Self.load(model, options: options)
        defer { problem.free() }
        return withoutActuallyEscaping(afterRelaxation) { inspect in
            guard let atNode else {
                return solveInteger(problem.pointer, model: model, options: options, afterRelaxation: inspect)
            }
            return withoutActuallyEscaping(atNode) { heuristic in
                solveInteger(problem.pointer, model: model, options: options, afterRelaxation: inspect, atNode: heuristic)
            }
        }
    }

    private static func load(_ model: LinearModel, options: SolveOptions) -> GLPKProblem {
        _ = glp_term_out(options.verbose ? GLP_ON : GLP_OFF)
        let problem = GLPKProblem(model)
        // As glpsol does: scale the matrix (GLPK's library does not on its own); badly scaled
        // assignment models otherwise take many times longer in the simplex.
        glp_scale_prob(problem.pointer, GLP_SF_AUTO)
        return problem
    }

    private func solveLinear(_ p: OpaquePointer, model: LinearModel, options: SolveOptions) -> Solution {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        parameters.tm_lim = Int32(clamping: options.timeLimitMilliseconds)
        parameters.meth = options.simplex == .dual ? GLP_DUALP : GLP_PRIMAL
        if let limit = options.iterationLimit { parameters.it_lim = Int32(clamping: max(1, limit)) }
        let code = glp_simplex(p, &parameters)
        let status = glp_get_status(p)
        if status == GLP_OPT {
            let values = GLPKProblem.primalValues(p, columns: model.columns.count)
            let objective = glp_get_obj_val(p)
            return Solution(status: .optimal, values: values, objective: objective, bound: objective)
        }
        if status == GLP_UNBND { return Solution(status: .unbounded, values: [], objective: nil, bound: nil) }
        if status == GLP_NOFEAS || code == GLP_ENOPFS {
            return Solution(status: .infeasible, values: [], objective: nil, bound: nil)
        }
        if code == GLP_ENODFS || glp_get_dual_stat(p) == GLP_NOFEAS {
            return Solution(status: .unbounded, values: [], objective: nil, bound: nil)
        }
        return Solution(status: .timeLimitNoSolution, values: [], objective: nil, bound: nil)
    }

    /// The integer solve, in named steps: GLPK's parameters (`integerParameters`), the search's
    /// tracker and callback (`tracker`, `branchCallback`), the root relaxation solved here when
    /// a caller needs its columns (`rootRelaxation`), then branch-and-bound and its status
    /// (`branchAndBound`). One deadline covers all of them.
    private func solveInteger(_ p: OpaquePointer, model: LinearModel, options: SolveOptions,
                              afterRelaxation: ((Solution, RelaxationProbe) -> AfterRelaxation)?,
                              atNode: ((Solution) -> [Double]?)? = nil) -> (relaxation: Solution?, solution: Solution?) {
        var parameters = Self.integerParameters(options)
        let deadline = SolveDeadline(milliseconds: options.timeLimitMilliseconds)
        let tracker = Self.tracker(model: model, options: options, atNode: atNode)
        let unmanaged = Unmanaged.passRetained(tracker)
        defer {
            tracker.atNode = nil   // the closure must not outlive this call
            unmanaged.release()
        }
        parameters.cb_info = unmanaged.toOpaque()
        parameters.cb_func = Self.branchCallback
        var relaxation: Solution?
        if !options.presolve || tracker.start != nil || afterRelaxation != nil {
            // The heuristic callback needs the original columns: solve the relaxation ourselves.
            parameters.presolve = GLP_OFF
            switch rootRelaxation(p, model: model, options: options, messages: parameters.msg_lev, deadline: deadline,
                                  tracker: tracker, afterRelaxation: afterRelaxation) {
            case .stop(let root, let solution): return (root, solution)
            case .branch(let root): relaxation = root
            }
            // The time limit covers the whole solve: branch-and-bound gets what the relaxation left.
            guard deadline.remainingMilliseconds > 0 else { return (relaxation, nil) }
            parameters.tm_lim = Self.timeLeft(deadline)
        }
        return (relaxation, branchAndBound(p, model: model, options: options, parameters: &parameters, deadline: deadline,
                                           tracker: tracker))
    }

    /// GLPK's limit for its next call: what is left of the cap (at least 1 ms: 0 means none).
    private static func timeLeft(_ deadline: SolveDeadline) -> Int32 { Int32(clamping: max(1, deadline.remainingMilliseconds)) }

    /// GLPK's branch-and-cut parameters for `options` (the callback is set by the caller).
    private static func integerParameters(_ options: SolveOptions) -> glp_iocp {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        parameters.tm_lim = Int32(clamping: options.timeLimitMilliseconds)
        parameters.mip_gap = max(0, options.relativeGap)
        parameters.gmi_cuts = options.cuts.contains(.gomory) ? GLP_ON : GLP_OFF
        parameters.mir_cuts = options.cuts.contains(.mixedIntegerRounding) ? GLP_ON : GLP_OFF
        parameters.cov_cuts = options.cuts.contains(.cover) ? GLP_ON : GLP_OFF
        parameters.clq_cuts = options.cuts.contains(.clique) ? GLP_ON : GLP_OFF
        parameters.br_tech = switch options.branching {
        case .driebeckTomlin: GLP_BR_DTH
        case .mostFractional: GLP_BR_MFV
        case .pseudocost: GLP_BR_PCH
        }
        return parameters
    }

    /// What the callback knows of the search: the initial solution to offer, the node heuristic.
    private static func tracker(model: LinearModel, options: SolveOptions, atNode: ((Solution) -> [Double]?)?) -> BoundTracker {
        let tracker = BoundTracker()
        tracker.columns = model.columns.count
        if let start = options.initialSolution, model.isFeasible(start) {
            tracker.start = [0] + start
        }
        if let atNode {
            tracker.atNode = { values in
                // The node's relaxation, by the model's columns (cuts only add rows).
                let node = Solution(status: .optimal, values: values, objective: nil, bound: nil)
                guard let found = atNode(node), model.isFeasible(found) else { return nil }
                return [0] + found
            }
        }
        return tracker
    }

    /// GLPK's branch-and-cut callback: ends the search on time, offers the initial solution and
    /// the node heuristic's, records the best bound.
    private static let branchCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
        guard let tree, let info else { return }
        let tracker = Unmanaged<BoundTracker>.fromOpaque(info).takeUnretainedValue()
        // GLPK checks its own time limit only between nodes, and a node's cut rounds and
        // simplex run past it. Every callback stops the search when twice the longest step
        // seen between two callbacks would end past the deadline (steps vary: a node after a
        // few quick ones can take several times as long, measured on dense floors).
        let now = ContinuousClock.now
        if let last = tracker.lastCall { tracker.longestStep = max(tracker.longestStep, now - last) }
        tracker.lastCall = now
        if tracker.mustEnd(tree, now: now) {
            glp_ios_terminate(tree)
            return
        }
        if glp_ios_reason(tree) == GLP_IHEUR, !tracker.offered, let start = tracker.start {
            tracker.offered = true
            _ = start.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
        }
        if glp_ios_reason(tree) == GLP_IHEUR, let atNode = tracker.atNode, let problem = glp_ios_get_prob(tree) {
            let values = GLPKProblem.primalValues(problem, columns: tracker.columns)
            if let found = atNode(values) {
                _ = found.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
            }
            tracker.lastCall = ContinuousClock.now   // the heuristic's time is not GLPK's step
        }
        let best = glp_ios_best_node(tree)
        if best != 0 { tracker.bound = glp_ios_node_bound(tree, best) }
    }

    /// What the root relaxation leaves to do: stop with an answer, or branch from it.
    private enum RootOutcome {
        case stop(relaxation: Solution?, solution: Solution?)
        case branch(relaxation: Solution)
    }

    /// The root LP, solved here (without the MIP presolver GLPK needs an optimal relaxation
    /// first): the guide objective's optimum first when given, deferred columns priced in, the
    /// model's own objective from that basis; then the caller's look at it (`afterRelaxation`),
    /// which may end the solve or hand branch-and-bound an incumbent.
    private func rootRelaxation(_ p: OpaquePointer, model: LinearModel, options: SolveOptions, messages: Int32,
                                deadline: SolveDeadline, tracker: BoundTracker,
                                afterRelaxation: ((Solution, RelaxationProbe) -> AfterRelaxation)?) -> RootOutcome {
        var simplex = glp_smcp()
        glp_init_smcp(&simplex)
        simplex.msg_lev = messages
        simplex.tm_lim = Int32(clamping: options.timeLimitMilliseconds)
        simplex.meth = options.simplex == .dual ? GLP_DUALP : GLP_PRIMAL
        var pricing = options.deferredColumns.map { ColumnPricing(p, columns: $0) }
        if options.advancedBasis { glp_adv_basis(p, 0) }
        /// The simplex with the time left, and with held columns priced in until none improves.
        func simplexPricing() {
            while true {
                simplex.tm_lim = Self.timeLeft(deadline)
                _ = glp_simplex(p, &simplex)
                guard glp_get_status(p) == GLP_OPT, pricing?.releaseImproving(p) ?? 0 > 0 else { return }
            }
        }
        var guided: [Double]?
        if let guide = options.guideObjective, guide.count == model.columns.count {
            // The guide's optimum first, then the model's own objective from that basis.
            GLPKProblem.setObjective(p, guide)
            simplexPricing()
            if glp_get_status(p) == GLP_OPT { guided = GLPKProblem.primalValues(p, columns: model.columns.count) }
            GLPKProblem.setObjective(p, model.columns.map(\.objective))
        } else if pricing != nil {
            simplexPricing()
        }
        // Every column back (those still held cannot improve the optimum, at zero), and the
        // model's own objective optimised from the basis reached.
        pricing?.releaseAll(p)
        simplex.tm_lim = Self.timeLeft(deadline)
        _ = glp_simplex(p, &simplex)
        let status = glp_get_status(p)
        if status == GLP_NOFEAS { return .stop(relaxation: nil, solution: Solution(status: .infeasible, values: [], objective: nil, bound: nil)) }
        if status == GLP_UNBND { return .stop(relaxation: nil, solution: Solution(status: .unbounded, values: [], objective: nil, bound: nil)) }
        if status != GLP_OPT {
            return .stop(relaxation: nil, solution: Solution(status: .timeLimitNoSolution, values: [], objective: nil, bound: nil))
        }
        let objective = glp_get_obj_val(p)
        let relaxed = Solution(status: .optimal, values: GLPKProblem.primalValues(p, columns: model.columns.count),
                               objective: objective, bound: objective, guided: guided)
        tracker.bound = objective
        guard let afterRelaxation else { return .branch(relaxation: relaxed) }
        let probe = RelaxationProbe(problem: p, model: model, deadline: deadline, guide: options.guideObjective)
        guard case .branch(let incumbent) = afterRelaxation(relaxed, probe) else { return .stop(relaxation: relaxed, solution: nil) }
        tracker.longestStep = probe.longestStep
        if probe.restore() {
            // Branch-and-bound wants the root's optimal basis: back, factorised again.
            simplex.tm_lim = Self.timeLeft(deadline)
            _ = glp_simplex(p, &simplex)
            guard glp_get_status(p) == GLP_OPT else { return .stop(relaxation: relaxed, solution: nil) }
        }
        if let incumbent, model.isFeasible(incumbent) { tracker.start = [0] + incumbent }
        return .branch(relaxation: relaxed)
    }

    /// GLPK's branch-and-cut under the deadline, the node limit and the caller's stop, and its
    /// outcome as a `Solution` (the best bound when it ends without proof).
    private func branchAndBound(_ p: OpaquePointer, model: LinearModel, options: SolveOptions, parameters: inout glp_iocp,
                                deadline: SolveDeadline, tracker: BoundTracker) -> Solution {
        if options.strictTimeLimit { tracker.deadline = deadline.end }
        tracker.nodeLimit = options.nodeLimit
        tracker.stop = options.stop
        _ = glp_term_out(options.verbose ? GLP_ON : GLP_OFF)
        let code = glp_intopt(p, &parameters)
        let status = glp_mip_status(p)
        if status == GLP_OPT || status == GLP_FEAS {
            let values = (0..<model.columns.count).map { glp_mip_col_val(p, Int32($0 + 1)) }
            let objective = glp_mip_obj_val(p)
            let optimal = status == GLP_OPT && code == 0
            return Solution(status: optimal ? .optimal : .feasible, values: values, objective: objective,
                            bound: optimal ? objective : tracker.bound)
        }
        if status == GLP_NOFEAS || code == GLP_ENOPFS { return Solution(status: .infeasible, values: [], objective: nil, bound: nil) }
        if code == GLP_ENODFS { return Solution(status: .unbounded, values: [], objective: nil, bound: nil) }
        return Solution(status: .timeLimitNoSolution, values: [], objective: nil, bound: tracker.bound)
    }
}

/// Receives the best proven bound from GLPK's branch-and-cut callback.
private final class BoundTracker: @unchecked Sendable {
    var bound: Double?
    /// The initial solution, 1-based as GLPK wants it, offered once at the first heuristic call.
    var start: [Double]?
    var offered = false
    /// When branch-and-bound must stop (the solve's time limit).
    var deadline: ContinuousClock.Instant?
    /// The previous callback, and the longest time GLPK has taken between two callbacks.
    var lastCall: ContinuousClock.Instant?
    var longestStep: Duration = .zero
    /// The model's column count (node values are read for these).
    var columns = 0
    /// The most subproblems branch-and-bound may create (`SolveOptions.nodeLimit`).
    var nodeLimit: Int?
    /// Whether to stop now (`SolveOptions.stop`).
    var stop: (@Sendable () -> Bool)?
    /// A node heuristic: the node's column values in, a 1-based solution out.
    var atNode: (([Double]) -> [Double]?)?

    /// Whether the search must end now: twice the longest step would end past the deadline, the
    /// caller asks it to stop, or it has created more subproblems than the node limit.
    func mustEnd(_ tree: OpaquePointer, now: ContinuousClock.Instant) -> Bool {
        if let deadline, now + longestStep * 2 >= deadline { return true }
        if let stop, stop() { return true }
        guard let nodeLimit else { return false }
        var active: Int32 = 0, current: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &current, &total)
        return Int(total) > nodeLimit
    }
}

/// A GLPK problem object loaded from a validated model; `free()` releases it.
struct GLPKProblem {
    let pointer: OpaquePointer

    init(_ model: LinearModel) {
        pointer = glp_create_prob()
        glp_set_obj_dir(pointer, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(pointer, 0, model.objectiveConstant)
        if !model.columns.isEmpty { glp_add_cols(pointer, Int32(model.columns.count)) }
        for (index, column) in model.columns.enumerated() {
            let j = Int32(index + 1)
            glp_set_col_name(pointer, j, column.name)
            glp_set_col_kind(pointer, j, column.kind == .continuous ? GLP_CV : (column.kind == .binary ? GLP_BV : GLP_IV))
            // After the kind: GLPK gives a binary column 0...1, and a model may have fixed it.
            Self.setBounds(pointer, j, column)
            glp_set_obj_coef(pointer, j, column.objective)
        }
        if !model.rows.isEmpty { glp_add_rows(pointer, Int32(model.rows.count)) }
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for (index, row) in model.rows.enumerated() {
            let i = Int32(index + 1)
            glp_set_row_name(pointer, i, row.name)
            let (type, lower, upper) = Self.boundType(row.lower, row.upper)
            glp_set_row_bnds(pointer, i, type, lower, upper)
            for term in row.terms where term.coefficient != 0 {
                ia.append(i); ja.append(Int32(term.variable.index + 1)); ar.append(term.coefficient)
            }
        }
        glp_load_matrix(pointer, Int32(ar.count - 1), ia, ja, ar)
    }

    func free() { glp_delete_prob(pointer) }

    /// One objective coefficient per column (the first column first); the constant stays.
    static func setObjective(_ pointer: OpaquePointer, _ coefficients: [Double]) {
        for (index, coefficient) in coefficients.enumerated() { glp_set_obj_coef(pointer, Int32(index + 1), coefficient) }
    }

    /// The current basic solution's value of each of the first `columns` columns.
    static func primalValues(_ pointer: OpaquePointer, columns: Int) -> [Double] {
        (0..<columns).map { glp_get_col_prim(pointer, Int32($0 + 1)) }
    }

    /// Gives column `j` (1-based) the bounds `column` has in the model.
    static func setBounds(_ pointer: OpaquePointer, _ j: Int32, _ column: LinearModel.Column) {
        let (type, lower, upper) = boundType(column.lower, column.upper)
        glp_set_col_bnds(pointer, j, type, lower, upper)
    }

    private static func boundType(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (GLP_FR, 0, 0)
        case (let l?, nil): return (GLP_LO, l, 0)
        case (nil, let u?): return (GLP_UP, 0, u)
        case (let l?, let u?): return l == u ? (GLP_FX, l, u) : (GLP_DB, l, u)
        }
    }
}
