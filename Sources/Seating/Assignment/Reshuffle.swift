/// Finds room for a party greedy could not seat by giving the day's unlocked, not-yet-seated
/// bookings other tables (never other times): the question availability, book, modify and
/// walk-in ask whenever greedy best fit finds no table, whatever the reason it gives.
///
/// The problem is the whole day: every booked, unlocked booking may change tables; seated, locked,
/// finished and walk-in bookings stay. Only the bookings chained to the new party through
/// overlapping intervals can matter (the others share no minute with anything that moves), so
/// the problem is that component. Identical free-standing tables are pooled (`TablePools`): the
/// searches choose a pool, and tables are given at the end by colouring. Cheap proofs come first
/// and end most full times at once (`isRuledOut`): nothing movable overlaps the party, no eligible
/// unit for the new party even with every movable booking gone, or the matching bound of
/// `WholeDayProblem` (at some instant the parties present cannot all have tables, count holds
/// included). Then, in order:
/// 1. `oneMove`: a unit blocked by one movable booking that greedy can put elsewhere (µs);
/// 2. `RotationSearch`: rotations breadth first, one booking displaced at a time, each booking
///    displaced at most once, bounded by a budget of options tried (deterministic);
/// 3. `ChainSearch`: ejection chains on pools and tables by iterative deepening, few moves first,
///    options with fewest bookings in the way first, several bookings ejected at once, bounded by
///    a node budget (deterministic);
/// 4. `ExactSearch`: a complete search (start order, conflict-directed backjumping) bounded by a
///    budget of options tried, in greedy's value order and then, if that gave up, fewest clashes
///    first: a plan (handed to 5 as its first solution, for fewer moves), or a proof that none
///    exists (then 5 is skipped), or undecided;
/// 5. unless the window's linear relaxation proves that no plan exists (`WindowRelaxation`), the
///    integer program (`program`): the component's bookings and the new party on eligible
///    pools and units, capacity as occupancy-flow rows, count holds as rows (`AssignmentModel`);
///    objective fewest moves, then fewest wasted seats; under a time cap.
/// The request path asks `decide` instead: steps 1 to 4 only, bounded by work, with three answers;
/// opt-in (`Limits.deepBudget`), `deepen` looks at one question of an ask that `decide` left
/// undecided more deeply (the window's linear relaxation ordering a complete search).
/// Each plan is verified from scratch (`Verification`) before it is returned: a capped solve
/// gives a verified plan or none, never a wrong one.
///
/// ```swift
/// // A two-top booked onto the only free four-top: a party of four at 19:00 gets the four-top,
/// // the two-top moves.
/// let plan = Reshuffle.find(floor: floor, day: day, query: SeatingQuery(date: d, time: 1140, party: 4))
/// plan?.moves   // [Reshuffle.Move(booking: "B7", from: ["T4"], to: ["T2"])]
/// ```
public enum Reshuffle {
    /// How hard to try.
    public struct Limits: Sendable, Equatable {
        /// Cap of one integer-program solve; 0 skips the integer program. The default, 200 ms,
        /// is above what GLPK's first LP relaxation takes on a full 110-table evening (about
        /// 100 ms): at the 50 ms it was, branch-and-bound never started there, and 2-6 % of asks
        /// were refused although a plan existed (none at 200 ms on the misses replays).
        public var timeLimitMilliseconds: Int
        /// Nodes the chain search may expand before it gives up. It runs after the rotation search,
        /// for the plans that need several bookings ejected at once (swaps, a count hold's tables
        /// handed round). 300: at 1,000 the booking page's availability p99 was 27 ms instead of
        /// 10-15 and its blind books' 25 ms instead of 13-19, for no fewer misses there; the
        /// narrow asks of `--misses-only` on the hall miss more at 300 (34 instead of 11 of 180 on
        /// seed 6). Benchmarks/RESULTS.md has both.
        public var searchBudget: Int
        /// Options the complete search (`ExactSearch`) may try before it gives up; 0 skips it.
        /// 6,000: on the booking page's full run it seats 5 more of the guests that 2,000 refused
        /// where a plan exists (misses 22 -> 17 of 1,698 asks) at the same availability p99
        /// (7.1 ms against 6.6-8.2); 12,000 finds no more of them and costs p99 8.1 ms.
        public var exactBudget: Int
        /// Opt-in: the cap of the integer program `decide` runs on a question both searches leave
        /// undecided (after the window relaxation's proof). 0, the default, keeps the request path
        /// bounded by work only; a cap finds the long rotations the searches miss, at the price of
        /// answers that depend on the machine's speed and of up to the cap on the asks that meet
        /// such a question first.
        public var decideSolverMilliseconds: Int
        /// Options the rotation search (`RotationSearch`) may try before it gives up; 0 skips it.
        /// A search that finds nothing tries each booking's options about once (120 bookings with
        /// about 40 options each on the hall's full evening), so 5,000 lets it finish there; at
        /// 1,000 it ended before the rotations the hall needs.
        public var rotationBudget: Int

        /// Options the complete search may try in its second order (`ExactSearch.Order.fewestClashes`)
        /// once the first gave up; 0 skips it. 2,000: on the booking page's turned-away guests,
        /// replayed, it seats 3 of the 17 misses (2 more plans than at 0 on 1,156 open questions;
        /// the open questions' total 0.84 -> 1.2 s, the slowest 8.0 -> 6.9 ms); 6,000 seats one
        /// more.
        public var clashOrderBudget: Int

        /// Opt-in: options the complete search may try in the order of the window relaxation's
        /// optimum when `deepen` looks at one question of an availability ask more deeply
        /// (`ExactSearch.Order.relaxation`). 0, the default, never looks deeper. 2,000 on the
        /// booking page: misses 16 -> 11 of 1,698 asks, but availability p99 8.5 -> 58 ms, max 16
        /// -> 107 ms (the relaxation costs 7-30 ms on the hall's full evening): over the targets,
        /// hence off until the relaxation is cheaper (Benchmarks/RESULTS.md).
        public var deepBudget: Int

        public init(timeLimitMilliseconds: Int = 200, searchBudget: Int = 300, exactBudget: Int = 6_000,
                    decideSolverMilliseconds: Int = 0, rotationBudget: Int = 5_000, clashOrderBudget: Int = 2_000,
                    deepBudget: Int = 0) {
            self.clashOrderBudget = clashOrderBudget
            self.deepBudget = deepBudget
            self.rotationBudget = rotationBudget
            self.timeLimitMilliseconds = timeLimitMilliseconds
            self.searchBudget = searchBudget
            self.exactBudget = exactBudget
            self.decideSolverMilliseconds = decideSolverMilliseconds
        }
    }

    /// One booking moved to other tables.
    public struct Move: Sendable, Equatable {
        public var booking: String
        public var from: [String]
        public var to: [String]

        public init(booking: String, from: [String], to: [String]) {
            self.booking = booking
            self.from = from
            self.to = to
        }
    }

    /// A verified re-assignment that seats the new party.
    public struct Plan: Sendable, Equatable {
        public var placement: Placement
        public var moves: [Move]
    }

    /// How callers ask for plans on one day: `planner(floor:day:limits:)`, or the same search
    /// behind a cache of the service (per restaurant-day version). Never a weaker search.
    public typealias Planner = (SeatingQuery) -> Plan?

    /// `find` on `day` with `limits`, as a planner: the questions it is asked share what they
    /// compute of the day (`WholeDayMemo`), with the same answers as `find` alone.
    public static func planner(floor: Floor, day: DayState, limits: Limits) -> Planner {
        let memo = WholeDayMemo()
        return { find(floor: floor, day: day, query: $0, limits: limits, memo: memo) }
    }

    /// What the request path decides about one question (`decide`): a plan, a proof that none
    /// exists, or neither within the work bounds. Only `.infeasible` is a fact about the day that
    /// outlives it while the day only tightens (`DayVerdicts`); `.undecided` is not offered.
    public enum Verdict: Sendable, Equatable {
        case plan(Plan)
        /// Proved: a cheap bound, the complete search exhausted, or the window relaxation.
        case infeasible
        /// The searches spent their budgets without a plan or a proof.
        case undecided

        public var plan: Plan? {
            if case .plan(let plan) = self { return plan }
            return nil
        }
    }

    /// How the request path asks on one day: `decider(floor:day:limits:)`, whose questions share
    /// what they compute of the day (`WholeDayMemo`).
    public typealias Decider = (SeatingQuery) -> Verdict

    /// `decide` on `day` with `limits`, its questions sharing a memo of the day.
    public static func decider(floor: Floor, day: DayState, limits: Limits) -> Decider {
        decider(floor: floor, day: day, limits: limits, memo: WholeDayMemo())
    }

    /// The same with `memo` kept by the caller from an earlier version of this restaurant-day
    /// (`WholeDayMemo.advance(to:)` keeps what the new version leaves valid): the same answers.
    /// The memo moves to `day` at once, even when no question follows, so that it sees every
    /// version one book at a time and takes each new booking in (`WholeDayMemo.advance`).
    public static func decider(floor: Floor, day: DayState, limits: Limits, memo: WholeDayMemo) -> Decider {
        memo.advance(to: day)
        return { decide(floor: floor, day: day, query: $0, limits: limits, memo: memo) }
    }

    /// The request path's question (availability, book, modify, walk-in): is there a plan, found
    /// or refuted by work-bounded steps only, so that the answer is the same on every machine?
    /// The cheap proofs, the one-move, rotation, chain and complete searches as in `find`; no linear or integer program (GLPK's cost on a full 110-table evening, 50-300 ms a
    /// question, is what made asks slow, and its cap is the clock) unless `limits` opts in
    /// (`decideSolverMilliseconds`). Availability needs a plan, not
    /// the one with the fewest moves: the chain search finds short chains first, and the complete
    /// search's plan keeps every booking it can at home.
    public static func decide(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits = Limits()) -> Verdict {
        decide(floor: floor, day: day, query: query, limits: limits, memo: nil)
    }

    static func decide(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits, memo: WholeDayMemo?) -> Verdict {
        switch searched(floor: floor, day: day, query: query, limits: limits, memo: memo) {
        case .ruledOut, .infeasible: return .infeasible
        case .plan(let plan), .completePlan(let plan, _, _): return .plan(plan)
        case .undecided(let problem):
            guard limits.decideSolverMilliseconds > 0 else { return .undecided }
            if WindowRelaxation.refutes(problem) { return .infeasible }
            return solve(problem: problem, timeLimitMilliseconds: limits.decideSolverMilliseconds).map(Verdict.plan) ?? .undecided
        }
    }

    /// A deeper look at a question `decide` left undecided, for the one question of an availability
    /// ask that the service spends it on (`DayVerdicts.deepen`): the window's linear relaxation
    /// with the integer program's objective (`WindowRelaxation.guide`), a proof when it has no
    /// solution, else the order in which the complete search tries each item's options, within
    /// `deepBudget`. Bounded by work (pivots, options), 3-40 ms on a full evening, where `decide`
    /// takes 1-5: too much for every candidate time of an ask, enough for one. Same answers on
    /// every machine; a plan is verified as every plan is.
    public static func deepen(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits = Limits()) -> Verdict {
        deepen(floor: floor, day: day, query: query, limits: limits, memo: nil)
    }

    static func deepen(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits, memo: WholeDayMemo?) -> Verdict {
        guard let problem = WholeDayProblem(floor: floor, day: day, query: query, memo: memo) else { return .infeasible }
        switch WindowRelaxation.guide(problem) {
        case .refuted: return .infeasible
        case .undecided: return .undecided
        case .values(let values):
            guard let board = PlacementBoard(problem: problem) else { return .undecided }
            var search = ExactSearch(board: board, budget: limits.deepBudget, order: .relaxation(values))
            switch search.run() {
            case .plan(let plan, _): return .plan(plan)
            case .infeasible: return .infeasible
            case .gaveUp: return .undecided
            }
        }
    }

    /// The request path's deeper look with `memo` kept by the caller (see `decider(floor:day:limits:memo:)`).
    public static func deepener(floor: Floor, day: DayState, limits: Limits, memo: WholeDayMemo) -> Decider {
        { deepen(floor: floor, day: day, query: $0, limits: limits, memo: memo) }
    }

    /// What the solver-free steps (the cheap proofs, the one-move, rotation, chain and complete searches)
    /// made of a question, shared by `decide` and `find`.
    enum Searched {
        case ruledOut
        /// Found by the one-move, rotation or chain search.
        case plan(Plan)
        /// Found by the complete search: `chosen` is each item's option (a start for the solver).
        case completePlan(Plan, WholeDayProblem, chosen: [Int])
        /// Proved by the complete search.
        case infeasible(WholeDayProblem)
        case undecided(WholeDayProblem)
    }

    static func searched(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits, memo: WholeDayMemo?) -> Searched {
        // The cheap proofs first: most full times end here, before any search copies the day.
        guard let problem = WholeDayProblem(floor: floor, day: day, query: query, memo: memo) else { return .ruledOut }
        if let quick = oneMove(floor: floor, day: day, query: query) { return .plan(quick) }
        // One board for both searches; nil when a booking's tables are no unit (the integer program's case).
        guard let board = PlacementBoard(problem: problem) else { return .undecided(problem) }
        if limits.rotationBudget > 0 {
            var rotations = RotationSearch(board: board, budget: limits.rotationBudget)
            if let plan = rotations.run() { return .plan(plan) }
        }
        var chains = ChainSearch(board: board, budget: limits.searchBudget)
        if let plan = chains.run() { return .plan(plan) }
        for (order, budget) in [(ExactSearch.Order.greedy, limits.exactBudget), (.fewestClashes, limits.clashOrderBudget)] where budget > 0 {
            var exact = ExactSearch(board: board, budget: budget, order: order)
            switch exact.run() {
            case .plan(let plan, let chosen): return .completePlan(plan, problem, chosen: chosen)
            case .infeasible: return .infeasible(problem)
            case .gaveUp: continue
            }
        }
        return .undecided(problem)
    }

    /// The refusal reasons a re-assignment can overcome: a hold or a block binds the new party's
    /// tables, not the other bookings'.
    public static func canHelp(_ reason: SlotReason) -> Bool {
        reason == .noTable || reason == .heldForWalkIns || reason == .blocked
    }

    /// A verified plan that seats `query` at its time by re-assigning unlocked bookings, or nil
    /// when none was found (see the type's documentation for the order of the searches).
    public static func find(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits = Limits()) -> Plan? {
        find(floor: floor, day: day, query: query, limits: limits, memo: nil)
    }

    static func find(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits, memo: WholeDayMemo?) -> Plan? {
        switch searched(floor: floor, day: day, query: query, limits: limits, memo: memo) {
        case .ruledOut, .infeasible: return nil
        case .plan(let plan): return plan
        case .completePlan(let plan, let problem, let chosen):
            // Fewer moves if the integer program finds them in its cap, starting from this plan.
            return solve(problem: problem, timeLimitMilliseconds: limits.timeLimitMilliseconds, start: chosen) ?? plan
        case .undecided(let problem):
            // A proof, when the window's relaxation gives one, spares the integer program its cap.
            guard limits.timeLimitMilliseconds > 0, !WindowRelaxation.refutes(problem) else { return nil }
            return solve(problem: problem, timeLimitMilliseconds: limits.timeLimitMilliseconds)
        }
    }

    /// Whether the cheap proofs alone show that no re-assignment seats `query` at its time (when
    /// greedy finds no table): nothing that could move overlaps it, or the new party has no
    /// eligible unit even with every movable booking gone, or the matching bound of
    /// `WholeDayProblem` fails at some instant (count holds included). No search, no solver.
    public static func isRuledOut(floor: Floor, day: DayState, query: SeatingQuery) -> Bool {
        WholeDayProblem(floor: floor, day: day, query: query) == nil
    }

    /// A plan moving exactly one booking, found without a solver: a unit that would seat the party
    /// but for one movable booking, which greedy best fit can place elsewhere (with the new party
    /// already seated). Units are tried in greedy rank order. Cheap enough for availability.
    public static func oneMove(floor: Floor, day: DayState, query: SeatingQuery) -> Plan? {
        let duration = SlotEvaluator.duration(floor: floor, query: query)
        let start = query.time, end = query.time + duration + day.buffer
        for group in floor.candidates(for: query.party) {
            for unit in group.units.sorted(by: { floor.idRank[$0] < floor.idRank[$1] }) {
                let members = floor.units[unit].members
                guard UnitRules.channelAllows(floor: floor, unit: unit, channel: query.channel),
                      !members.contains(where: { day.isBlocked(table: $0, from: start, to: end) }) else { continue }
                let occupants = Set(members.flatMap { day.occupants(table: $0, from: start, to: end) })
                guard occupants.count == 1, let id = occupants.first, let booking = day.bookings[id],
                      WholeDayProblem.isMovable(booking), let span = day.occupiedSpan(of: booking) else { continue }
                // Cheap necessary condition before copying the day: some other unit, disjoint from
                // this one, fits and is free for the booking over its whole interval.
                let elsewhere = floor.candidates(for: booking.party).contains { other in
                    other.units.contains { candidate in
                        !floor.units[candidate].members.contains(where: members.contains)
                            && UnitRules.verdict(floor: floor, day: day, unit: candidate, party: booking.party, from: span.start,
                                                 to: span.end, channel: booking.channel, holds: .none) == .allowed
                    }
                }
                guard elsewhere else { continue }
                var without = day
                without.remove(id)
                guard UnitRules.verdict(floor: floor, day: without, unit: unit, party: query.party, from: start, to: end,
                                        channel: query.channel) == .allowed else { continue }
                let new = newBooking(floor: floor, day: day, query: query, duration: duration, unit: unit)
                var withNew = without
                withNew.upsert(new)
                let outcome = GreedyBestFit.choose(
                    floor: floor, day: withNew, party: booking.party, from: span.start, to: span.end, area: booking.area,
                    tags: booking.tags, channel: booking.channel)
                guard let target = outcome.unit else { continue }
                let moves = [Move(booking: id, from: booking.tables, to: floor.units[target].tableIDs)]
                guard Verification.isValid(floor: floor, day: day, moves: moves, extra: new) else { continue }
                return Plan(placement: Placement(start: start, duration: duration, unit: unit, tables: floor.units[unit].tableIDs),
                            moves: moves)
            }
        }
        return nil
    }

    /// The new party as a booking on `unit`, for checks (its id sorts before every real one).
    static func newBooking(floor: Floor, day: DayState, query: SeatingQuery, duration: Int, unit: Int) -> Booking {
        Booking(id: "\u{0}new", restaurant: floor.layout.restaurant, date: day.date, start: query.time, duration: duration,
                party: query.party, tables: floor.units[unit].tableIDs, channel: query.channel)
    }

    /// The integer program for seating `query` at its time (see the type's documentation): the
    /// component's movable bookings then the new party as items, everything else fixed. Nil when
    /// nothing could move or the cheap bound says no re-assignment can help.
    public struct Program: Sendable {
        public let model: AssignmentModel
    }

    public static func program(floor: Floor, day: DayState, query: SeatingQuery) -> Program? {
        WholeDayProblem(floor: floor, day: day, query: query, prove: false).map(program(problem:))
    }

    static func program(problem: WholeDayProblem) -> Program {
        Program(model: AssignmentModel(floor: problem.floor, items: problem.items, pools: problem.pools, countHolds: problem.fixed,
                                       cost: moveCost(problem)))
    }

    /// The integer program's objective per item and unit: 1,000 for a booking off its own tables,
    /// plus the seats the unit wastes.
    static func moveCost(_ problem: WholeDayProblem) -> (AssignmentModel.Item, Int) -> Double {
        let floor = problem.floor, pools = problem.pools
        return { item, unit in
            (item.booking != nil && unit != item.current.map(pools.representative) ? 1_000 : 0) + Double(floor.units[unit].max - item.party)
        }
    }

    /// Solves the problem's integer program under the time cap and verifies the answer.
    /// `start`: a feasible option per item, handed to the solver as its first solution.
    static func solve(problem: WholeDayProblem, timeLimitMilliseconds: Int, start: [Int]? = nil) -> Plan? {
        guard timeLimitMilliseconds > 0 else { return nil }
        guard let result = program(problem: problem).model.solve(timeLimitMilliseconds: timeLimitMilliseconds, start: start)
        else { return nil }
        return verifiedPlan(problem: problem, chosen: result.units)
    }

    /// The plan for items placed on units or pool representatives (`chosen`, the new party last):
    /// pools' tables given by `TablePools.assign`, then verified from scratch; nil when invalid.
    static func verifiedPlan(problem: WholeDayProblem, chosen: [Int]) -> Plan? {
        let units = problem.pools.assign(items: problem.items, chosen: chosen)
        let newUnit = units[units.count - 1]
        let new = newBooking(floor: problem.floor, day: problem.day, query: problem.query, duration: problem.duration, unit: newUnit)
        guard let moves = Verification.movesIfValid(floor: problem.floor, original: problem.day, items: problem.items,
                                                    units: units, extra: new) else { return nil }
        return Plan(placement: Placement(start: new.start, duration: new.duration, unit: newUnit, tables: new.tables),
                    moves: moves)
    }
}
