/// Local search for `Repack`: from the current assignment, move one booking to a cheaper unit,
/// or swap the units of two bookings that overlap in time, while the total cost falls. It needs
/// no solver, so a repack improves a large day even when the integer program cannot finish its
/// linear relaxation within the time cap; its plan is the start handed to branch-and-bound.
///
/// Invariants: the working `DayState` always holds every booking exactly once, on a unit from
/// its item's eligible list, free of every other booking and of blocks; a moved online booking
/// keeps the count holds (`HoldRules`) as `Verification` checks them. Deterministic: items in
/// the order given, units in their eligible order.
struct RepackSearch {
    let floor: Floor
    let items: [AssignmentModel.Item]
    let cost: (AssignmentModel.Item, Int) -> Double
    /// The chosen unit of each item.
    private(set) var units: [Int]
    private var day: DayState
    private var bookings: [Booking]
    private let itemOfBooking: [String: Int]

    /// `day` holds the fixed bookings and every item's booking on its current unit (which every
    /// item must have).
    init(floor: Floor, day: DayState, items: [AssignmentModel.Item], cost: @escaping (AssignmentModel.Item, Int) -> Double) {
        self.floor = floor
        self.items = items
        self.cost = cost
        self.day = day
        units = items.map { $0.current! }
        bookings = items.map { day.bookings[$0.booking ?? ""]! }
        itemOfBooking = Dictionary(uniqueKeysWithValues: bookings.enumerated().map { ($1.id, $0) })
    }

    var totalCost: Double { zip(items, units).reduce(0) { $0 + cost($1.0, $1.1) } }

    /// Whether `item` may sit on `unit` with the day as it is now (its own booking removed first):
    /// its current unit needs only to be free, any other is judged by `UnitRules` for its channel.
    private func allows(_ item: Int, on unit: Int, in day: DayState) -> Bool {
        let isCurrent = unit == items[item].current
        return UnitRules.verdict(floor: floor, day: day, unit: unit, party: items[item].party, from: items[item].start,
                                 to: items[item].end, channel: isCurrent ? .walkIn : bookings[item].channel,
                                 named: isCurrent) == .allowed
    }

    /// Rounds of single moves then swaps, until a round changes nothing or `rounds` ran.
    mutating func improve(rounds: Int) {
        for _ in 0..<rounds {
            var improved = false
            for item in items.indices where moveToCheaperUnit(item) || moveEjectingOne(item) { improved = true }
            for item in items.indices {
                for other in items.indices where other > item && swappable(item, other) && swap(item, other) { improved = true }
            }
            if !improved { return }
        }
    }

    /// Overlapping in time on different units: only then can a swap do what two moves cannot.
    private func swappable(_ a: Int, _ b: Int) -> Bool {
        items[a].start < items[b].end && items[b].start < items[a].end && units[a] != units[b]
    }

    private mutating func moveToCheaperUnit(_ item: Int) -> Bool {
        let current = cost(items[item], units[item])
        let cheaper = items[item].eligible.filter { cost(items[item], $0) < current - 1e-9 }
            .sorted { cost(items[item], $0) < cost(items[item], $1) }
        guard !cheaper.isEmpty else { return false }
        var without = day
        without.remove(bookings[item].id)
        guard let unit = cheaper.first(where: { allows(item, on: $0, in: without) }) else { return false }
        without.upsert(booking(item, on: unit))
        adopt(without, [(item, unit)])
        return true
    }

    /// Moves `item` to a cheaper unit that one other item blocks, and that item anywhere it fits,
    /// when the pair's cost falls.
    private mutating func moveEjectingOne(_ item: Int) -> Bool {
        let here = cost(items[item], units[item])
        let span = (items[item].start, items[item].end)
        for unit in items[item].eligible.sorted(by: { cost(items[item], $0) < cost(items[item], $1) }) {
            let gain = here - cost(items[item], unit)
            guard gain > 1e-9 else { break }
            var blockers = Set<String>()
            for table in floor.units[unit].members { blockers.formUnion(day.occupants(table: table, from: span.0, to: span.1)) }
            blockers.remove(bookings[item].id)
            guard blockers.count == 1, let other = itemOfBooking[blockers.first!] else { continue }
            var trial = day
            trial.remove(bookings[item].id)
            trial.remove(bookings[other].id)
            guard allows(item, on: unit, in: trial) else { continue }
            trial.upsert(booking(item, on: unit))
            let there = cost(items[other], units[other])
            guard let target = items[other].eligible
                .filter({ $0 != units[other] && cost(items[other], $0) - there < gain - 1e-9 })
                .sorted(by: { cost(items[other], $0) < cost(items[other], $1) })
                .first(where: { allows(other, on: $0, in: trial) }) else { continue }
            trial.upsert(booking(other, on: target))
            adopt(trial, [(item, unit), (other, target)])
            return true
        }
        return false
    }

    private mutating func swap(_ a: Int, _ b: Int) -> Bool {
        let unitA = units[a], unitB = units[b]
        guard items[a].eligible.contains(unitB), items[b].eligible.contains(unitA),
              cost(items[a], unitB) + cost(items[b], unitA) < cost(items[a], unitA) + cost(items[b], unitB) - 1e-9 else { return false }
        var trial = day
        trial.remove(bookings[a].id)
        trial.remove(bookings[b].id)
        guard allows(a, on: unitB, in: trial) else { return false }
        trial.upsert(booking(a, on: unitB))
        guard allows(b, on: unitA, in: trial) else { return false }
        trial.upsert(booking(b, on: unitA))
        adopt(trial, [(a, unitB), (b, unitA)])
        return true
    }

    /// The item's booking on `unit`.
    private func booking(_ item: Int, on unit: Int) -> Booking {
        var moved = bookings[item]
        moved.tables = floor.units[unit].tableIDs
        return moved
    }

    /// Takes `trial` (which already holds the moved bookings) as the day, and records the moves.
    private mutating func adopt(_ trial: DayState, _ moves: [(item: Int, unit: Int)]) {
        day = trial
        for (item, unit) in moves {
            units[item] = unit
            bookings[item].tables = floor.units[unit].tableIDs
        }
    }
}
