import MILP

/// The yardstick for online policies: all of a day's requests known at once, choose which to
/// seat and where to maximise covers, then to waste the fewest seats.
///
/// Rules kept always (the physics of the floor): tables and combinations with their `min...max`,
/// walk-in-only tables excluded, blocks, the buffer. Under `Rules.floor` also every rule an online
/// booking obeys (`SlotEvaluator.serviceRules`: the grid, the services' online party limits and
/// `end`; pacing per bucket; table and count holds, `UnitRules`), so no online policy can seat
/// more. Each request starts at one of its `times` (its own time unless given more: a guest's
/// flexibility) and occupies its `duration`.
///
/// Method: requests split into connected components of overlapping intervals (lunch and dinner,
/// or any quiet gap, solve separately). Each component's integer program (`OfflineProgram`)
/// aggregates interchangeable tables into capacity classes (`TableClasses`) and identical
/// requests into counted types, with capacities as occupancy flows, and maximises covers. Its
/// linear relaxation bounds the covers; the relaxation is rounded and improved by local search
/// (`OfflinePacking`), then dived on (`OfflineDive`: a share of the fractions rounded up at a time,
/// the relaxation re-optimised around them; several shares in turn) and rounded again, and
/// rounded again with its fractions' order shaken, and given time, two neighbourhoods of the best
/// plan are searched at once (`OfflineNeighbourhood`); branch-and-bound continues from the
/// relaxation's basis with the best plan as incumbent, unless it already meets the bound, until it
/// proves the optimum or the cap (or the node limit) ends. Waste is then lowered by moving parties
/// to closer fits at equal covers. The cap covers the whole day: components share what is left of
/// it in proportion to their requests. Greedy best fit over the requests in time order is the
/// fallback, so the answer is never worse than greedy, and every plan is re-checked table by table
/// before it is returned.
///
/// Invariants of a result: `greedyCovers <= covers <= coversBound`; `seated` holds only requests
/// on a reservable unit that fits them, at one of their `times` (`starts`), with no table shared at
/// any minute (buffer included), and under `Rules.floor` every rule above verified.
///
/// ```swift
/// let result = OfflineOptimum.solve(floor: hall, date: friday, requests: demand, timeLimitMilliseconds: 1_000)
/// result.covers, result.coversBound, result.greedyCovers   // 1,016, 1,016, 922 (0.14 s)
/// ```
public enum OfflineOptimum {
    /// One party's request: when, how many, how long.
    public struct Request: Sendable, Equatable {
        public var id: String
        /// The time the party wants.
        public var time: Int
        public var party: Int
        /// Minutes the party occupies its tables (the buffer comes on top).
        public var duration: Int
        /// The start times it accepts, the preferred first; `[time]` unless given.
        public var times: [Int]

        public init(id: String, time: Int, party: Int, duration: Int, times: [Int]? = nil) {
            self.id = id
            self.time = time
            self.party = party
            self.duration = duration
            self.times = times ?? [time]
        }
    }

    /// Which rules bind the plan besides the floor's physics (tables, combinations, blocks, the
    /// buffer, walk-in-only tables).
    public enum Rules: String, Sendable {
        /// Physics alone: the rule-free ceiling.
        case physics
        /// Every rule an online booking obeys: service times and online party limits, pacing, holds.
        case floor
    }

    /// Where one request sits: a unit and its start time.
    public struct Seat: Sendable, Equatable {
        public var unit: Int
        public var start: Int
    }

    /// The plan and how good it is proven to be.
    public struct Result: Sendable, Equatable {
        /// Tables of each seated request, by request id.
        public var seated: [String: [String]]
        /// The start time of each seated request, by request id.
        public var starts: [String: Int] = [:]
        public var covers: Int
        public var wastedSeats: Int
        /// Covers the greedy warm start seats.
        public var greedyCovers: Int
        /// An upper bound on the covers any plan can seat (GLPK's proven bound, per component).
        public var coversBound: Int
        /// `(coversBound - covers) / coversBound`.
        public var gap: Double
        public var components: Int
    }

    /// The requests in time order, split where no interval (buffer included) at any of their times
    /// spans the gap; `share(a, b)` keeps two start times that share a rule (a pacing bucket) in
    /// one component.
    static func components(of requests: [Request], buffer: Int, share: (Int, Int) -> Bool = { _, _ in false }) -> [[Request]] {
        var components: [[Request]] = []
        var reach = Int.min
        var latest = Int.min
        for request in requests.sorted(by: { ($0.earliest, $0.time, $0.id) < ($1.earliest, $1.time, $1.id) }) {
            if components.isEmpty || (request.earliest >= reach && !share(latest, request.earliest)) { components.append([]) }
            components[components.count - 1].append(request)
            reach = max(reach, request.latest + request.duration + buffer)
            latest = max(latest, request.latest)
        }
        return components
    }

    /// The whole day's integer program, for other solvers to check: the same model `solve` hands
    /// GLPK one component at a time. Variables `t<i>_class<k>` (how many requests of type i on
    /// capacity class k) and `t<i>_<unit>`, occupancies `occ<r>_at_<minute>`; the objective,
    /// minimised, is minus the covers.
    public static func model(floor: Floor, date: ServiceDate, requests: [Request], rules: Rules = .physics) -> LinearModel {
        let classes = TableClasses(floor: floor, day: DayState(floor: floor, date: date, bookings: []), underRules: rules == .floor)
        let ordered = requests.sorted { ($0.earliest, $0.time, $0.id) < ($1.earliest, $1.time, $1.id) }
        return OfflineProgram(classes: classes, requests: ordered, buffer: floor.layout.bufferMinutes, rules: rules).linear
    }

    /// The plan for `requests` within `timeLimitMilliseconds` (the whole day's cap); `nodeLimit`, when
    /// given, also stops each component's branch-and-bound after that many nodes, a cap that ends
    /// at the same point on any machine that reaches it in time (`SolveOptions.nodeLimit`).
    /// `known`: a plan of the same requests found otherwise (under stricter rules, say), kept per
    /// component where it verifies and beats what the search found.
    public static func solve(floor: Floor, date: ServiceDate, requests: [Request], rules: Rules = .physics,
                             timeLimitMilliseconds: Int = 1_000, nodeLimit: Int? = nil, known: Result? = nil) -> Result {
        let buffer = floor.layout.bufferMinutes
        let empty = DayState(floor: floor, date: date, bookings: [])
        let components = components(of: requests, buffer: buffer) { a, b in
            guard rules == .floor, a != Int.min, let bucket = floor.pacingBucket(on: date.weekday, at: a) else { return false }
            return bucket == floor.pacingBucket(on: date.weekday, at: b)
        }
        var result = Result(seated: [:], covers: 0, wastedSeats: 0, greedyCovers: 0, coversBound: 0, gap: 0, components: components.count)
        let deadline = SolveDeadline(milliseconds: timeLimitMilliseconds)
        var requestsLeft = requests.count
        let classes = TableClasses(floor: floor, day: empty, underRules: rules == .floor)
        for component in components {
            let greedy = greedyPlan(floor: floor, day: empty, requests: component, rules: rules)
            // What is left of the cap, shared by the components still to solve by their requests.
            let share = deadline.remainingMilliseconds * component.count / max(1, requestsLeft)
            requestsLeft -= component.count
            result.greedyCovers += greedy.covers
            var chosen = greedy
            var bound = component.reduce(0) { $0 + $1.party }   // seating everyone is the trivial bound
            if share > 0, let solved = solveComponent(classes: classes, requests: component, buffer: buffer, rules: rules,
                                                      timeLimitMilliseconds: share, nodeLimit: nodeLimit) {
                // The best candidate that passes the table-by-table check.
                if let seats = solved.plans.first(where: { verify(floor: floor, day: empty, requests: component, seats: $0, rules: rules) }) {
                    var plan = Plan()
                    for (request, seat) in zip(component, seats) {
                        guard let seat else { continue }
                        plan.seat(request, on: floor.units[seat.unit], at: seat.start)
                    }
                    if plan.score > chosen.score { chosen = plan }
                }
                bound = min(bound, solved.coversBound)
            }
            if let known, let plan = plan(of: known, for: component, floor: floor, day: empty, rules: rules), plan.score > chosen.score {
                chosen = plan
            }
            bound = max(bound, chosen.covers)
            result.seated.merge(chosen.seated) { a, _ in a }
            result.starts.merge(chosen.starts) { a, _ in a }
            result.covers += chosen.covers
            result.wastedSeats += chosen.waste
            result.coversBound += bound
        }
        result.gap = result.coversBound == 0 ? 0 : Double(result.coversBound - result.covers) / Double(result.coversBound)
        return result
    }

    /// One component: the linear relaxation gives the covers bound and guides rounding; local
    /// search improves the rounded plan; dives, shaken roundings and the neighbourhood searches look
    /// for a better one; branch-and-bound continues from the relaxation with the best as incumbent
    /// while it is short of the bound. Returns the concrete plans found, best first, and the covers
    /// bound; nil when not even the relaxation was solved in time.
    static func solveComponent(classes: TableClasses, requests: [Request], buffer: Int, rules: Rules = .physics,
                               timeLimitMilliseconds: Int, nodeLimit: Int? = nil) -> (plans: [[Seat?]], coversBound: Int)? {
        let deadline = SolveDeadline(milliseconds: timeLimitMilliseconds)
        let search = ComponentSearch(program: OfflineProgram(classes: classes, requests: requests, buffer: buffer, rules: rules),
                                     deadline: deadline, bound: requests.reduce(0) { $0 + $1.party }, workCapped: nodeLimit != nil)
        let program = search.program
        let solverMilliseconds = deadline.remainingMilliseconds - ComponentSearch.Schedule.afterSolver(timeLimitMilliseconds)
        guard solverMilliseconds > 0 else { return nil }
        // Gomory cuts and most-fractional branching: measured to prove dense floors' optima
        // several times sooner than GLPK's defaults; the waste tie-break guides the root vertex
        // (docs/offline-optimum.md).
        let options = SolveOptions(timeLimitMilliseconds: solverMilliseconds, cuts: .gomory, branching: .mostFractional,
                                   guideObjective: program.wasteTieBreak, advancedBasis: true, strictTimeLimit: true,
                                   deferredColumns: program.deferredColumns, nodeLimit: nodeLimit)
        let outcome = try? MILPSolver().solve(program.linear, options: options, afterRelaxation: search.afterRelaxation,
                                              atNode: search.workCapped ? nil : search.nodeRounding)
        guard var best = search.rounded else { return nil }
        if let solution = outcome?.solution, solution.hasSolution,
           var solved = OfflinePacking(program: program, counts: program.counts(solution)), solved.covers >= best.covers {
            if deadline.remainingMilliseconds > search.longestPacking { solved.improve(rounds: 20) }
            best = solved
        }
        var bound = search.bound
        if let lower = outcome?.solution?.bound { bound = min(bound, program.coversBound(objectiveBound: lower)) }
        best.reduceWaste()
        var candidates = [best.counts]
        if let rounded = search.rounded, rounded.counts != best.counts { candidates.append(rounded.counts) }
        return (candidates.compactMap { program.placements(for: $0, requestCount: requests.count) }, bound)
    }


    struct Plan {
        var seated: [String: [String]] = [:]
        var starts: [String: Int] = [:]
        var covers = 0
        var waste = 0

        var score: PlanScore { PlanScore(covers: covers, waste: waste) }

        mutating func seat(_ request: Request, on unit: SeatingUnit, at start: Int) {
            seated[request.id] = unit.tableIDs
            starts[request.id] = start
            covers += request.party
            waste += unit.max - request.party
        }
    }

    /// `result`'s plan of `requests` when it seats them on units at their own times and verifies
    /// under `rules`; nil otherwise.
    static func plan(of result: Result, for requests: [Request], floor: Floor, day: DayState, rules: Rules) -> Plan? {
        var seats: [Seat?] = []
        for request in requests {
            guard let tables = result.seated[request.id] else { seats.append(nil); continue }
            guard let start = result.starts[request.id], let unit = floor.unit(forTables: tables) else { return nil }
            seats.append(Seat(unit: unit, start: start))
        }
        guard verify(floor: floor, day: day, requests: requests, seats: seats, rules: rules) else { return nil }
        var plan = Plan()
        for (request, seat) in zip(requests, seats) {
            if let seat { plan.seat(request, on: floor.units[seat.unit], at: seat.start) }
        }
        return plan
    }

    /// Greedy best fit over the requests in time order (the online policy with perfect hindsight
    /// of nothing), each at the first of its times where a unit is free and the rules allow it:
    /// the warm start and fallback.
    static func greedyPlan(floor: Floor, day: DayState, requests: [Request], rules: Rules = .physics) -> Plan {
        var day = day
        var plan = Plan()
        for request in requests {
            for time in request.times {
                let to = time + request.duration + day.buffer
                if rules == .floor, admission(floor: floor, day: day, party: request.party, at: time) != nil { continue }
                let outcome = GreedyBestFit.choose(floor: floor, day: day, party: request.party, from: time, to: to,
                                                   area: nil, tags: [], channel: .online, holds: rules == .floor ? .all : .none)
                guard let unit = outcome.unit else { continue }
                day.upsert(booking(request, tables: floor.units[unit].tableIDs, at: time, date: day.date, restaurant: floor.layout.restaurant))
                plan.seat(request, on: floor.units[unit], at: time)
                break
            }
        }
        return plan
    }

    /// The online admission rules (`SlotEvaluator.admissionRules`) for a party at a time on `day`
    /// as planned so far: the reason it would be refused, or nil.
    static func admission(floor: Floor, day: DayState, party: Int, at time: Int) -> SlotReason? {
        let query = SeatingQuery(date: day.date, time: time, party: party, channel: .online)
        return SlotEvaluator.admissionRules(floor: floor, day: day, query: query, duration: SlotEvaluator.duration(floor: floor, query: query))
    }

    static func booking(_ request: Request, tables: [String], at start: Int, date: ServiceDate, restaurant: String) -> Booking {
        Booking(id: request.id, restaurant: restaurant, date: date, start: start, duration: request.duration, party: request.party, tables: tables)
    }

    /// Whether seating every request at its seat (nil: unseated), in start order, keeps tables
    /// free and unblocked and, under `Rules.floor`, obeys every online rule (`UnitRules` with all
    /// holds, `SlotEvaluator.admissionRules`): the table-by-table check of a solver's plan.
    static func verify(floor: Floor, day: DayState, requests: [Request], seats: [Seat?], rules: Rules = .physics) -> Bool {
        var check = day
        let placed = zip(requests, seats).compactMap { request, seat in seat.map { (request, $0) } }
        for (request, seat) in placed.sorted(by: { ($0.1.start, $0.0.id) < ($1.1.start, $1.0.id) }) {
            let to = seat.start + request.duration + day.buffer
            guard request.times.contains(seat.start),
                  UnitRules.verdict(floor: floor, day: check, unit: seat.unit, party: request.party, from: seat.start, to: to,
                                    channel: .online, holds: rules == .floor ? .all : .none) == .allowed else { return false }
            if rules == .floor, admission(floor: floor, day: check, party: request.party, at: seat.start) != nil { return false }
            check.upsert(booking(request, tables: floor.units[seat.unit].tableIDs, at: seat.start, date: day.date,
                                 restaurant: floor.layout.restaurant))
        }
        return true
    }
}

extension OfflineOptimum.Request {
    /// The earliest and latest of its start times.
    var earliest: Int { times.min() ?? time }
    var latest: Int { times.max() ?? time }
}


/// The search of one component of the offline optimum (`OfflineOptimum.solveComponent`), in named
/// steps on a named schedule of time shares: at the root relaxation, dives, shaken roundings and
/// the neighbourhood search look for a plan up to the covers bound; branch-and-bound continues
/// with the best as incumbent, rounding deeper relaxations on its way (`nodeRounding`).
///
/// Invariants: `rounded` is the best plan found at the root (or by a node rounding), `bound` the
/// covers bound the relaxation proves. Under a node limit (`workCapped`) only the dives run before
/// branch-and-bound, so the result does not depend on the machine.
final class ComponentSearch {
    /// What each step may take of the time left, and why.
    enum Schedule {
        /// The solver's share ends a twentieth of the cap (at least 2 ms) early, for the work after
        /// it (checking, re-seating, the table-by-table verification).
        static func afterSolver(_ milliseconds: Int) -> Int { max(2, milliseconds / 20) }
        /// Branch-and-bound keeps a quarter of what the relaxation left from the dives.
        static func keptFromDives(_ left: Int) -> Int { left / 4 }
        /// And a quarter of what the dives left from the shaken roundings.
        static func keptFromShaking(_ left: Int) -> Int { left / 4 }
        /// The neighbourhood search takes two thirds of what is left (half was too short for
        /// seed 18 in one run of three, docs/offline-optimum.md).
        static func neighbourhood(_ left: Int) -> Int { left * 2 / 3 }
        /// Under a work cap, the dives stop after this many found nothing better (each re-optimises
        /// the relaxation several times: on the packed Saturday's ceiling under the rules, 19,000
        /// columns, a dive is 2 s and the first found all that the six did).
        static let fruitlessDivesWhenCapped = 1
        /// Under a work cap, a plan this close to the bound ends the search: at most a two-hundredth
        /// of the bound short (one cover on an evening of 200). On the packed Saturday under the
        /// rules the first dive ends 1-3 covers short of a bound near 400; the other dives and 20
        /// nodes of branch-and-bound (5-6 s) found nothing more on any of the replications tried.
        static func closeEnough(covers: Int, bound: Int) -> Bool { bound - covers <= bound / 200 }
        /// The most shaken roundings of the root relaxation.
        static let shakenRoundings: UInt64 = 60
    }

    let program: OfflineProgram
    let deadline: SolveDeadline
    let workCapped: Bool
    private(set) var bound: Int
    private(set) var rounded: OfflinePacking?
    /// The longest a rounding and its local search took so far: none starts unless it would end
    /// in time (a debug build is many times slower than the release one).
    private(set) var longestPacking = 0

    init(program: OfflineProgram, deadline: SolveDeadline, bound: Int, workCapped: Bool) {
        self.program = program
        self.deadline = deadline
        self.bound = bound
        self.workCapped = workCapped
    }

    /// Whether the search may stop at `plan`: it meets the bound, or, capped by work, comes close
    /// enough (`Schedule.closeEnough`).
    private func settled(_ plan: OfflinePacking) -> Bool {
        plan.covers >= bound || (workCapped && Schedule.closeEnough(covers: plan.covers, bound: bound))
    }

    /// A relaxation's values (one per column) rounded (shaken by `noise`, seeded) and improved.
    func packing(from values: [Double], noise: Double = 0, seed: UInt64 = 0) -> OfflinePacking {
        let before = deadline.remainingMilliseconds
        var packing = OfflinePacking.rounding(program: program, relaxed: program.choices.map { $0.map { values[$0.variable.index] } },
                                              noise: noise, seed: seed)
        packing.improve(rounds: 20)
        longestPacking = max(longestPacking, before - deadline.remainingMilliseconds)
        return packing
    }

    /// Deeper relaxations are more nearly integral: rounding them finds what rounding the root
    /// missed. Offered only when better than the best plan so far. (Left out under a node limit:
    /// on the fixtures' evenings it found nothing the dives and the search did not, and in a debug
    /// build it took most of the time, docs/offline-optimum.md.)
    func nodeRounding(_ node: Solution) -> [Double]? {
        guard deadline.remainingMilliseconds > longestPacking else { return nil }
        let packing = packing(from: node.values)
        guard packing.covers > (rounded?.covers ?? 0) else { return nil }
        rounded = packing
        return program.values(for: packing.counts)
    }

    /// At the root relaxation: the bound, then the steps while the plan is short of it; whether
    /// branch-and-bound should go on, with the best plan as incumbent.
    func afterRelaxation(_ relaxed: Solution, _ probe: RelaxationProbe) -> MILPSolver.AfterRelaxation {
        if let objective = relaxed.objective { bound = min(bound, program.coversBound(objectiveBound: objective)) }
        let values = relaxed.guided ?? relaxed.values
        var plan = packing(from: values)
        dives(from: values, probe: probe, plan: &plan)
        if !workCapped {
            shakenRoundings(of: values, plan: &plan)
            neighbourhood(of: values, probe: probe, plan: &plan)
        }
        rounded = plan
        // Branch-and-bound's first step re-optimises the relaxation with cuts: at least as long
        // as a dive's step, which is all the time-keeping knows of it before it has run.
        guard !settled(plan), deadline.remainingMilliseconds > 2 * probe.longestStepMilliseconds else { return .stop }
        return .branch(incumbent: program.values(for: plan.counts))
    }

    /// Dives, each rounding up a different share of the fractions at a time (each from the root),
    /// while the plan is short of the bound and a dive as long as the last would end before what
    /// branch-and-bound keeps (nothing when capped by work: the dives then all run). A dive's
    /// steps go on while one more and the rounding of where it ends would end in time.
    private func dives(from values: [Double], probe: RelaxationProbe, plan: inout OfflinePacking) {
        let keep = workCapped ? 0 : Schedule.keptFromDives(deadline.remainingMilliseconds)
        var lastDive = 0
        var fruitless = 0
        for divisor in OfflineDive.divisors where !settled(plan) && deadline.remainingMilliseconds > keep + lastDive
            && !(workCapped && fruitless >= Schedule.fruitlessDivesWhenCapped) {
            let start = deadline.remainingMilliseconds
            probe.resetAll()
            let dived = OfflineDive.dive(program: program, from: values, divisor: divisor, raise: probe.raise,
                                         mayStep: { self.deadline.remainingMilliseconds > probe.longestStepMilliseconds + self.longestPacking })
            let diving = packing(from: dived)
            if diving.isBetter(than: plan) { plan = diving } else { fruitless += 1 }
            lastDive = start - deadline.remainingMilliseconds
        }
    }

    /// Shaken roundings of the same relaxation while the plan is short of the bound: each is a few
    /// milliseconds, where a node of branch-and-bound on a dense floor is a hundred. At most
    /// `Schedule.shakenRoundings`, within three quarters of what the dives left.
    private func shakenRoundings(of values: [Double], plan: inout OfflinePacking) {
        let keep = Schedule.keptFromShaking(deadline.remainingMilliseconds)
        var seed: UInt64 = 1
        while plan.covers < bound, seed <= Schedule.shakenRoundings, deadline.remainingMilliseconds > keep + longestPacking {
            let shaken = packing(from: values, noise: 0.15, seed: seed)
            if shaken.isBetter(than: plan) { plan = shaken }
            seed += 1
        }
    }

    /// Two neighbourhoods of the best plan at once (`OfflineNeighbourhood`), when that is worth a
    /// search (several re-optimisations long): where the dives stop a cover or two short, one or
    /// the other finds the rest far sooner than branch-and-bound. Its search is bounded by the
    /// clock, so never when capped by work.
    private func neighbourhood(of values: [Double], probe: RelaxationProbe, plan: inout OfflinePacking) {
        let milliseconds = Schedule.neighbourhood(deadline.remainingMilliseconds)
        guard plan.covers < bound, milliseconds >= 4 * probe.longestStepMilliseconds + longestPacking,
              var better = OfflineNeighbourhood.search(program: program, plan: plan, relaxed: values, bound: bound,
                                                       milliseconds: milliseconds) else { return }
        better.improve(rounds: 20)
        plan = better
    }
}
