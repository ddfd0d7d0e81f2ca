/// Ejection chains for the whole-day re-assignment: put the new party on a unit, take the
/// bookings in its way off, and put each back somewhere else, ejecting others in turn, to a
/// bounded depth. Iterative deepening tries every chain of depth 0 (the ejected go straight to
/// free units) before any of depth 1, so short chains (few moves) come first.
///
/// Invariants: the working day always holds every booking of the day except those ejected and
/// not yet placed; a booking placed in the current chain is not ejected again (no cycles); every
/// step a booking takes is allowed by `UnitRules` for its channel at that moment; a finished chain
/// is verified from scratch (`Verification`) before it is returned. Deterministic: units in greedy
/// rank order, bookings by size then id. `budget` bounds the nodes (ejections) tried.
///
/// ```swift
/// var search = ChainSearch(problem: problem, budget: 3_000)
/// search.run()?.moves    // e.g. three bookings moved along a chain, or nil: the search gave up
/// ```
struct ChainSearch {
    let problem: WholeDayProblem
    private(set) var budget: Int
    private var day: DayState
    private var placedInChain: Set<String> = []
    /// Undo log: a booking's state before each change (nil: it was not on the floor).
    private var journal: [(id: String, before: Booking?)] = []
    private let eligible: [String: [Int]]
    /// The most tables one ejection may clear.
    static let maxEjected = 3
    static let maxDepth = 4

    init(problem: WholeDayProblem, budget: Int) {
        self.problem = problem
        self.budget = budget
        day = problem.day
        var eligible: [String: [Int]] = [:]
        for item in problem.items { if let id = item.booking { eligible[id] = item.eligible } }
        self.eligible = eligible
    }

    mutating func run() -> Reshuffle.Plan? {
        let floor = problem.floor
        let newUnits = rankOrder(problem.items.last!.eligible)
        for depth in 0...Self.maxDepth {
            for unit in newUnits {
                guard budget > 0 else { return nil }
                let mark = journal.count
                let new = Reshuffle.newBooking(floor: floor, day: problem.day, query: problem.query, duration: problem.duration,
                                               unit: unit)
                guard let ejected = eject(from: unit, start: problem.start, end: problem.end),
                      UnitRules.verdict(floor: floor, day: day, unit: unit, party: new.party, from: problem.start, to: problem.end,
                                        channel: new.channel) == .allowed else {
                    rollback(to: mark)
                    continue
                }
                set(new.id, new)
                placedInChain = [new.id]
                if placeAll(ejected, depth: depth), let plan = verifiedPlan(new: new, unit: unit) { return plan }
                rollback(to: mark)
            }
        }
        return nil
    }

    /// Takes off the movable bookings on `unit`'s tables during `[start, end)`; nil (nothing
    /// changed) when one cannot move or was placed in this chain, or more than `maxEjected` would go.
    private mutating func eject(from unit: Int, start: Int, end: Int) -> [Booking]? {
        var ids: [String] = []
        for table in problem.floor.units[unit].members {
            for id in day.occupants(table: table, from: start, to: end) where !ids.contains(id) { ids.append(id) }
        }
        guard ids.count <= Self.maxEjected,
              ids.allSatisfy({ problem.movable.contains($0) && !placedInChain.contains($0) }) else { return nil }
        budget -= 1
        let bookings = ids.compactMap { day.bookings[$0] }
        for booking in bookings { set(booking.id, nil) }
        return bookings.sorted { ($0.party, $1.id) > ($1.party, $0.id) }
    }

    /// Places every ejected booking, largest first; on failure the day is as before the call.
    private mutating func placeAll(_ bookings: [Booking], depth: Int) -> Bool {
        let mark = journal.count
        for booking in bookings where !place(booking, depth: depth) {
            rollback(to: mark)
            return false
        }
        return true
    }

    /// Places one ejected booking: on the unit greedy best fit picks, else (depth left) on an
    /// eligible unit after ejecting what is in its way. On failure the day is as before the call.
    private mutating func place(_ booking: Booking, depth: Int) -> Bool {
        let floor = problem.floor
        guard let span = day.occupiedSpan(of: booking) else { return false }
        let outcome = GreedyBestFit.choose(floor: floor, day: day, party: booking.party, from: span.start, to: span.end,
                                           area: booking.area, tags: booking.tags, channel: booking.channel)
        if let unit = outcome.unit {
            setTables(booking, unit)
            return true
        }
        guard depth > 0 else { return false }
        for unit in rankOrder(eligible[booking.id] ?? []) {
            guard budget > 0 else { return false }
            let mark = journal.count
            guard let ejected = eject(from: unit, start: span.start, end: span.end), !ejected.isEmpty,
                  UnitRules.verdict(floor: floor, day: day, unit: unit, party: booking.party, from: span.start, to: span.end,
                                    channel: booking.channel) == .allowed else {
                rollback(to: mark)
                continue
            }
            setTables(booking, unit)
            placedInChain.insert(booking.id)
            if placeAll(ejected, depth: depth - 1) { return true }
            placedInChain.remove(booking.id)
            rollback(to: mark)
        }
        return false
    }

    private func rankOrder(_ units: [Int]) -> [Int] {
        let floor = problem.floor
        return units.sorted { a, b in
            let ua = floor.units[a], ub = floor.units[b]
            return (ua.isCombination ? 1 : 0, ua.max, ua.priority, floor.idRank[a]) < (ub.isCombination ? 1 : 0, ub.max, ub.priority, floor.idRank[b])
        }
    }

    private mutating func setTables(_ booking: Booking, _ unit: Int) {
        var placed = booking
        placed.tables = problem.floor.units[unit].tableIDs
        set(booking.id, placed)
    }

    private mutating func set(_ id: String, _ booking: Booking?) {
        journal.append((id, day.bookings[id]))
        if let booking { day.upsert(booking) } else { day.remove(id) }
    }

    private mutating func rollback(to mark: Int) {
        while journal.count > mark {
            let entry = journal.removeLast()
            if let before = entry.before { day.upsert(before) } else { day.remove(entry.id) }
        }
    }

    /// The chain as moves, if `Verification` accepts it.
    private func verifiedPlan(new: Booking, unit: Int) -> Reshuffle.Plan? {
        var moves: [Reshuffle.Move] = []
        for id in problem.movable.sorted() {
            guard let before = problem.day.bookings[id], let after = day.bookings[id] else { return nil }
            if before.tables != after.tables { moves.append(Reshuffle.Move(booking: id, from: before.tables, to: after.tables)) }
        }
        guard Verification.isValid(floor: problem.floor, day: problem.day, moves: moves, extra: new) else { return nil }
        return Reshuffle.Plan(placement: Placement(start: new.start, duration: new.duration, unit: unit, tables: new.tables),
                              moves: moves)
    }
}
