import MILP

/// A proof that no re-assignment seats the new party, stronger than the matching bound: the linear
/// relaxation of the assignment model (`AssignmentModel`, pools and count holds included) over the
/// new party's own window only. Every item overlapping the party's occupied interval is kept,
/// clipped to it; the others are dropped. Dropping items, clipping intervals and relaxing
/// integrality each only loosen the model, so when this small linear program has no solution the
/// whole-day question has none either.
///
/// Why it is needed: the matching bound judges one instant at a time, table by table, so it lets
/// a party that needs a combination take two tables of two different combinations, and a booking
/// take one table at 19:00 and another at 20:00. The relaxation keeps each item on one unit
/// (fractionally) over its whole stay. `Reshuffle.find` asks it before its integer program: on the
/// brasserie's full Friday it proved 85 % of the questions the matching bound and both searches
/// leave open (each then spares the integer program's cap), on the hall's 14 %.
///
/// The same linear program, with an objective, also guides a search (`guide`): minimising moves
/// (1,000 a booking off its own tables) then wasted seats, as the integer program does, its
/// optimum says which bookings should make way and where they should go; `ExactSearch` tries each
/// item's options in the order of their values there (`ExactSearch.Order.relaxation`). On the
/// booking page's replayed misses this finds the long plans (the hall's five moves over three
/// tables, random floor 1's combination swaps of six to twelve moves) that neither value order
/// of the complete search reaches, at 3-40 ms a question: the reason `Reshuffle.deepen` spends it
/// on one question of an ask only.
///
/// Invariants: bounded by work, not time: GLPK's simplex stops after `iterationLimit` pivots
/// (the time cap is a safety net the questions of a restaurant floor never reach), so the same
/// question gets the same answer on every machine; `true` (or `.refuted`) only when GLPK reports
/// the relaxation infeasible.
///
/// ```swift
/// WindowRelaxation.refutes(problem)   // true: proved full; false: not decided by this proof
/// WindowRelaxation.guide(problem)     // .refuted, .values(per item, per option), or .undecided
/// ```
enum WindowRelaxation {
    /// Pivots before the proof gives up.
    static let iterationLimit = 20_000
    /// A safety net only (see the type's invariants).
    static let safetyMilliseconds = 2_000

    /// What the relaxation with the moves objective says.
    enum Guide {
        /// No solution: no plan exists.
        case refuted
        /// Per item of the problem, its options' values at the optimum (options left out: zero;
        /// items outside the window: none).
        case values([[Int: Double]])
        /// The pivots ran out.
        case undecided
    }

    static func refutes(_ problem: WholeDayProblem) -> Bool {
        let (model, _) = windowModel(problem) { _, _ in 0 }
        let options = SolveOptions(timeLimitMilliseconds: safetyMilliseconds, iterationLimit: iterationLimit)
        guard let solution = try? MILPSolver().solve(model.linear.relaxation(), options: options) else { return false }
        return solution.status == .infeasible
    }

    /// The relaxation's optimum with the integer program's objective (see the type's documentation).
    /// The dual simplex without presolve: on the hall's open questions 16 ms a question at the
    /// median against 27 ms for the primal with presolve (and 34 and 101 ms for the other two).
    static func guide(_ problem: WholeDayProblem) -> Guide {
        let (model, indices) = windowModel(problem, cost: Reshuffle.moveCost(problem))
        let options = SolveOptions(timeLimitMilliseconds: safetyMilliseconds, presolve: false, simplex: .dual,
                                   iterationLimit: iterationLimit)
        guard let solution = try? MILPSolver().solve(model.linear.relaxation(), options: options) else { return .undecided }
        if solution.status == .infeasible { return .refuted }
        guard solution.hasSolution else { return .undecided }
        var values = Array(repeating: [Int: Double](), count: problem.items.count)
        for (index, row) in zip(indices, model.unitValues(solution)) { values[index] = row }
        return .values(values)
    }

    /// The assignment model of the items overlapping the new party's interval, clipped to it, with
    /// `cost`; and each model item's index among the problem's items.
    private static func windowModel(_ problem: WholeDayProblem,
                                    cost: (AssignmentModel.Item, Int) -> Double) -> (AssignmentModel, [Int]) {
        let from = problem.start, to = problem.end
        var indices: [Int] = []
        var items: [AssignmentModel.Item] = []
        for (index, item) in problem.items.enumerated() where item.start < to && from < item.end {
            var clipped = item
            clipped.start = max(item.start, from)
            clipped.end = min(item.end, to)
            items.append(clipped)
            indices.append(index)
        }
        let model = AssignmentModel(floor: problem.floor, items: items, pools: problem.pools, countHolds: problem.fixed, cost: cost)
        return (model, indices)
    }
}
