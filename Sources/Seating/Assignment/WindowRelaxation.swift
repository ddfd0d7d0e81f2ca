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
/// Invariants: bounded by work, not time: GLPK's simplex stops after `iterationLimit` pivots
/// (the time cap is a safety net the questions of a restaurant floor never reach), so the same
/// question gets the same answer on every machine; `true` only when GLPK reports the relaxation
/// infeasible.
///
/// ```swift
/// WindowRelaxation.refutes(problem)   // true: proved full; false: not decided by this proof
/// ```
enum WindowRelaxation {
    /// Pivots before the proof gives up.
    static let iterationLimit = 20_000
    /// A safety net only (see the type's invariants).
    static let safetyMilliseconds = 2_000

    static func refutes(_ problem: WholeDayProblem) -> Bool {
        let from = problem.start, to = problem.end
        let items = problem.items.compactMap { item -> AssignmentModel.Item? in
            guard item.start < to, from < item.end else { return nil }
            var clipped = item
            clipped.start = max(item.start, from)
            clipped.end = min(item.end, to)
            return clipped
        }
        let model = AssignmentModel(floor: problem.floor, items: items, pools: problem.pools, countHolds: problem.fixed) { _, _ in 0 }
        let options = SolveOptions(timeLimitMilliseconds: safetyMilliseconds, iterationLimit: iterationLimit)
        guard let solution = try? MILPSolver().solve(model.linear.relaxation(), options: options) else { return false }
        return solution.status == .infeasible
    }
}
