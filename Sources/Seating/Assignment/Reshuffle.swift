/// Finds room for a party greedy could not seat by re-assigning unlocked bookings, with an
/// integer program solved under a time cap.
///
/// The model: the bookings that can move are the unlocked, not-yet-seated ones whose occupied
/// interval overlaps the new party's, and (to `depth`) the ones overlapping those, at most
/// `maxMovable`; every other booking stays where it is. Each movable booking and the new party take
/// exactly one eligible unit (fits the party, allowed to its channel, free of fixed bookings,
/// blocks and table holds over its interval); on every table, at every instant where an interval
/// starts, the items covering that instant use the table at most once (the maximal cliques of
/// intervals). Objective: fewest moved bookings, then fewest wasted seats.
///
/// Safety: a cheap bound (the new party has no eligible unit even with every movable booking
/// gone) skips the solve; a solve that times out without a solution means "not offered"; any
/// solution is re-checked from scratch on a fresh `DayState` (occupancy, blocks, holds for online
/// parties) before it is offered, so a wrong answer is never returned.
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
        public var timeLimitMilliseconds: Int
        public var depth: Int
        public var maxMovable: Int

        public init(timeLimitMilliseconds: Int = 50, depth: Int = 2, maxMovable: Int = 40) {
            self.timeLimitMilliseconds = timeLimitMilliseconds
            self.depth = depth
            self.maxMovable = maxMovable
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

    /// The plan that seats `query` at its time with the fewest moves, or nil: one move when one
    /// suffices (found in microseconds, see `oneMove`), else the integer program.
    public static func find(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits = Limits()) -> Plan? {
        if let quick = oneMove(floor: floor, day: day, query: query) { return quick }
        return solve(floor: floor, day: day, query: query, limits: limits)
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
                guard SlotEvaluator.channelAllows(floor: floor, unit: unit, channel: query.channel),
                      !members.contains(where: { day.isBlocked(table: $0, from: start, to: end) }) else { continue }
                let occupants = Set(members.flatMap { day.occupants(table: $0, from: start, to: end) })
                guard occupants.count == 1, let id = occupants.first, let booking = day.bookings[id],
                      booking.status == .booked, !booking.locked, let span = day.occupiedSpan(of: booking) else { continue }
                // Cheap necessary condition before copying the day: some other unit, disjoint from
                // this one, is free for the booking over its whole interval.
                let elsewhere = floor.candidates(for: booking.party).contains { other in
                    other.units.contains { candidate in
                        let tables = floor.units[candidate].members
                        return !tables.contains(where: members.contains)
                            && SlotEvaluator.channelAllows(floor: floor, unit: candidate, channel: booking.channel)
                            && tables.allSatisfy { day.isFree(table: $0, from: span.start, to: span.end)
                                && !day.isBlocked(table: $0, from: span.start, to: span.end) }
                    }
                }
                guard elsewhere else { continue }
                var without = day
                without.remove(id)
                guard HoldRules.holds(floor: floor, day: without, unit: unit, from: start, to: end, channel: query.channel) == nil
                else { continue }
                var withNew = without
                withNew.upsert(Booking(id: "\u{0}new", restaurant: booking.restaurant, date: booking.date, start: start,
                                       duration: duration, party: query.party, tables: floor.units[unit].tableIDs,
                                       channel: query.channel))
                let outcome = GreedyBestFit.choose(
                    floor: floor, day: withNew, party: booking.party, from: span.start, to: span.end, area: booking.area,
                    tags: booking.tags,
                    verdict: { SlotEvaluator.unitVerdict(floor: floor, day: withNew, unit: $0, from: span.start, to: span.end, channel: booking.channel) })
                guard let target = outcome.unit else { continue }
                return Plan(placement: Placement(start: start, duration: duration, unit: unit, tables: floor.units[unit].tableIDs),
                            moves: [Move(booking: id, from: booking.tables, to: floor.units[target].tableIDs)])
            }
        }
        return nil
    }

    /// The integer program for seating `query` at its time (see the type's documentation): the
    /// movable bookings then the new party as items, and every other booking fixed. Nil when
    /// nothing could move or the cheap bound says no re-assignment can help.
    public struct Program: Sendable {
        public let model: AssignmentModel
        /// The day without the movable bookings.
        let fixed: DayState
        let start: Int
        let duration: Int
        let end: Int
    }

    public static func program(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits = Limits()) -> Program? {
        let duration = SlotEvaluator.duration(floor: floor, query: query)
        let start = query.time, end = query.time + duration + day.buffer
        let movable = movableBookings(floor: floor, day: day, from: start, to: end, limits: limits)
        guard !movable.isEmpty else { return nil }
        var fixed = day
        for booking in movable { fixed.remove(booking.id) }
        var items: [AssignmentModel.Item] = []
        for booking in movable {
            let current = floor.unit(forTables: booking.tables)
            let span = day.occupiedSpan(of: booking)!
            items.append(AssignmentModel.Item(
                booking: booking.id, party: booking.party, start: span.start, end: span.end,
                eligible: AssignmentModel.eligibleUnits(floor: floor, fixed: fixed, party: booking.party, from: span.start,
                                                        to: span.end, channel: booking.channel, current: current),
                current: current))
        }
        let newEligible = AssignmentModel.eligibleUnits(floor: floor, fixed: fixed, party: query.party, from: start, to: end,
                                                        channel: query.channel, current: nil)
        // Cheap bound: with every movable booking gone, is any unit free for the new party?
        guard !newEligible.isEmpty else { return nil }
        items.append(AssignmentModel.Item(booking: nil, party: query.party, start: start, end: end, eligible: newEligible, current: nil))
        let model = AssignmentModel(floor: floor, items: items) { item, unit in
            (item.booking != nil && unit != item.current ? 1_000 : 0) + Double(floor.units[unit].max - item.party)
        }
        return Program(model: model, fixed: fixed, start: start, duration: duration, end: end)
    }

    /// Solves `program` under the time cap and verifies the answer.
    static func solve(floor: Floor, day: DayState, query: SeatingQuery, limits: Limits) -> Plan? {
        guard let program = program(floor: floor, day: day, query: query, limits: limits) else { return nil }
        let model = program.model, items = model.items, fixed = program.fixed
        let start = program.start, duration = program.duration, end = program.end
        guard let result = model.solve(timeLimitMilliseconds: limits.timeLimitMilliseconds) else { return nil }
        let newUnit = result.units[items.count - 1]
        let newBooking = Booking(id: "\u{0}new", restaurant: floor.layout.restaurant, date: day.date, start: start,
                                 duration: duration, party: query.party, tables: floor.units[newUnit].tableIDs, channel: query.channel)
        guard let moves = Verification.movesIfValid(floor: floor, fixed: fixed, original: day, items: items, units: result.units,
                                                    extra: newBooking) else { return nil }
        var withoutNew = day
        for move in moves {
            if var booking = withoutNew.bookings[move.booking] { booking.tables = move.to; withoutNew.upsert(booking) }
        }
        if HoldRules.holds(floor: floor, day: withoutNew, unit: newUnit, from: start, to: end, channel: query.channel) != nil {
            return nil
        }
        return Plan(placement: Placement(start: start, duration: duration, unit: newUnit, tables: floor.units[newUnit].tableIDs),
                    moves: moves)
    }

    /// Unlocked booked bookings overlapping `[from, to)` on tables that could seat anyone, then
    /// (to `depth`) those overlapping them, at most `maxMovable`, nearest first.
    static func movableBookings(floor: Floor, day: DayState, from: Int, to: Int, limits: Limits) -> [Booking] {
        var chosen: [String: Booking] = [:]
        var frontier: [(Int, Int)] = [(from, to)]
        for _ in 0..<max(1, limits.depth) {
            var next: [(Int, Int)] = []
            for (start, end) in frontier {
                for table in 0..<floor.tables.count {
                    for span in day.occupancy[table] where span.start < end && span.end > start {
                        guard let id = span.booking, chosen[id] == nil, let booking = day.bookings[id],
                              booking.status == .booked, !booking.locked else { continue }
                        guard chosen.count < limits.maxMovable else { return Array(chosen.values).sorted { $0.id < $1.id } }
                        chosen[id] = booking
                        next.append((span.start, span.end))
                    }
                }
            }
            frontier = next
        }
        return Array(chosen.values).sorted { $0.id < $1.id }
    }
}
