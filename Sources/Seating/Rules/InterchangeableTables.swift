/// Which single tables the rules cannot tell apart, and how intervals that share such a group get
/// concrete tables: the one grouping and the one interval colouring behind the request path's
/// table pools (`TablePools`) and the offline optimum's table classes (`TableClasses`).
///
/// Invariants: every table of a group is a single table in no combination, with the same
/// `min...max` and reservability, no block, table hold or fixed booking during the window, and
/// (when holds are honoured) the same membership of every count hold of the weekday; so `UnitRules`
/// treats any two tables of a group alike for any party in the window. Groups come in the natural
/// order of their first table, tables in natural order within a group; a group may hold one table.
/// Intervals fit a group's tables iff at most `tables.count` of them overlap at every instant
/// (interval graphs are perfect), and `colour` then always succeeds.
enum InterchangeableTables {
    /// A group of interchangeable tables: their shared shape and their single-table units.
    struct Group: Sendable {
        var min: Int
        var max: Int
        var reservable: Bool
        /// Single-table units, in natural id order.
        var units: [Int]
    }

    /// The groups of single-table units that are interchangeable throughout `[low, high)` of
    /// `day` (its blocks and bookings): `honouringHolds` false keys tables by the floor's physics
    /// only (no table holds, no count holds), as the rule-free ceiling does.
    static func groups(floor: Floor, day: DayState, window: (low: Int, high: Int), honouringHolds: Bool = true) -> [Group] {
        let inCombination = Set(floor.units.filter(\.isCombination).flatMap(\.members))
        let holds = honouringHolds ? floor.countHolds(on: day.weekday) : []
        var groupOfKey: [[Int]: Int] = [:]
        var groups: [Group] = []
        for unit in floor.units.indices.sorted(by: { floor.idRank[$0] < floor.idRank[$1] }) where !floor.units[unit].isCombination {
            let seating = floor.units[unit]
            let table = seating.members[0]
            guard !inCombination.contains(table),
                  !(honouringHolds && floor.isTableHeld(table, on: day.weekday, from: window.low, to: window.high)),
                  !day.isBlocked(table: table, from: window.low, to: window.high),
                  day.isFree(table: table, from: window.low, to: window.high) else { continue }
            let key = [seating.min, seating.max, seating.reservable ? 1 : 0] + holds.map { $0.isMatching[table] ? 1 : 0 }
            if let index = groupOfKey[key] {
                groups[index].units.append(unit)
            } else {
                groupOfKey[key] = groups.count
                groups.append(Group(min: seating.min, max: seating.max, reservable: seating.reservable, units: [unit]))
            }
        }
        return groups
    }

    /// One interval that needs a table of a group: `current` is the group's table it holds today,
    /// if any.
    struct Interval {
        var start: Int
        var end: Int
        var current: Int?
    }

    /// Tables of `units` (one group, natural order) for `intervals` given in start order, by
    /// colouring: an interval keeps its current table when that is free, else takes the free table
    /// whose own current holder comes latest (so fewer bookings change tables; with no current
    /// tables, the first free table). Nil when more intervals overlap somewhere than the group has
    /// tables.
    static func colour(_ intervals: [Interval], onto units: [Int], floor: Floor) -> [Int]? {
        var freeFrom = Dictionary(uniqueKeysWithValues: units.map { ($0, Int.min) })
        // Start of each interval still to come, by the table it holds today.
        var claims: [Int: [Int]] = [:]
        for interval in intervals {
            if let current = interval.current, freeFrom[current] != nil { claims[current, default: []].append(interval.start) }
        }
        var tables: [Int] = []
        tables.reserveCapacity(intervals.count)
        for interval in intervals {
            if let current = interval.current, freeFrom[current] != nil { claims[current]?.removeFirst() }
            let free = units.filter { freeFrom[$0]! <= interval.start }
            let pick: Int
            if let current = interval.current, free.contains(current) {
                pick = current
            } else if let latest = free.max(by: { a, b in
                (claims[a]?.first ?? Int.max, -floor.idRank[a]) < (claims[b]?.first ?? Int.max, -floor.idRank[b])
            }) {
                pick = latest
            } else {
                return nil
            }
            freeFrom[pick] = interval.end
            tables.append(pick)
        }
        return tables
    }
}
