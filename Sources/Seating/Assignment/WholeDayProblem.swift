/// The whole-day re-assignment question for one new party at one time: can every unlocked,
/// not-yet-seated booking keep its time and take some table so that the party also sits?
///
/// Invariants: `items` are the movable bookings (`isMovable`) whose occupied intervals chain to
/// the new party's through overlaps, in start then id order, each with the units `UnitRules`
/// allows it on `fixed` (count holds left to the model) and its current unit; the new party is the
/// last item. `fixed` is the day without those bookings. Built only when the new party has an
/// eligible unit with every movable booking gone and a matching bound does not already prove that
/// no re-assignment exists (`init` returns nil). `pools` are taken over the component's span.
///
/// ```swift
/// // Party of 6 at 19:30: which bookings could move, and could they all fit?
/// let problem = WholeDayProblem(floor: floor, day: day, query: query)  // nil: no plan exists
/// problem?.items.count   // the component's movable bookings + 1
/// ```
struct WholeDayProblem: Sendable {
    let floor: Floor
    let day: DayState
    let query: SeatingQuery
    let duration: Int
    let start: Int
    let end: Int
    let fixed: DayState
    let items: [AssignmentModel.Item]
    let movable: Set<String>
    /// Interchangeable tables over the component's span.
    let pools: TablePools

    /// Bookings whose tables the restaurant may still change: booked, not locked.
    static func isMovable(_ booking: Booking) -> Bool { booking.status == .booked && !booking.locked }

    /// `prove: false` skips the matching bound (to export the model of a day where it holds).
    init?(floor: Floor, day: DayState, query: SeatingQuery, prove: Bool = true) {
        self.floor = floor
        self.day = day
        self.query = query
        duration = SlotEvaluator.duration(floor: floor, query: query)
        start = query.time
        end = query.time + duration + day.buffer
        // The component: movable bookings chained to [start, end) by overlapping intervals.
        let spans = day.bookings.values.filter(Self.isMovable)
            .compactMap { booking in day.occupiedSpan(of: booking).map { (booking, $0.start, $0.end) } }
            .sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
        // One sweep in start order, the new party's interval among the spans: runs of overlapping
        // intervals; the component is the run holding the new party.
        let intervals = (spans.map { ($0.1, $0.2, false) } + [(start, end, true)]).sorted { ($0.0, $0.2 ? 0 : 1) < ($1.0, $1.2 ? 0 : 1) }
        var low = Int.min, high = Int.min, holdsNew = false
        for (from, to, isNew) in intervals {
            if from >= high {
                if holdsNew { break }
                low = from
                high = to
            } else {
                high = max(high, to)
            }
            holdsNew = holdsNew || isNew
        }
        let component = spans.filter { $0.1 < high && $0.2 > low }.map(\.0)
        guard !component.isEmpty else { return nil }
        var fixed = day
        for booking in component { fixed.remove(booking.id) }
        self.fixed = fixed
        let newEligible = AssignmentModel.eligibleUnits(floor: floor, fixed: fixed, party: query.party, from: start, to: end,
                                                        channel: query.channel, current: nil)
        guard !newEligible.isEmpty else { return nil }
        var items = component.map { AssignmentModel.Item(booking: $0, floor: floor, day: day, fixed: fixed) }
        items.append(AssignmentModel.Item(booking: nil, party: query.party, start: start, end: end, eligible: newEligible,
                                          current: nil, channel: query.channel))
        self.items = items
        movable = Set(component.map(\.id))
        guard !prove || Self.instantsAllow(floor: floor, fixed: fixed, items: items, around: (start, end)) else { return nil }
        pools = TablePools(floor: floor, fixed: fixed, window: (low, high))
    }

    /// A necessary condition, cheap: at every instant of the new party's interval where an item
    /// starts, the items covering it can be given, each, as many distinct tables as its smallest
    /// eligible unit has, among the tables of its eligible units, no table twice (a bipartite
    /// matching, by augmenting paths). Any real assignment gives such a matching, so when none
    /// exists no re-assignment does. It implies the counting of Hall's condition on every set of
    /// items, such as "the parties of four and more need more tables than they can reach". (Fixed
    /// bookings never share a table with an item's eligible unit, so they are out.)
    ///
    /// Inside a count hold's window the rule is stronger, and so is the bound: at an instant, either
    /// no online party that moved (the new one included) sits on the hold's tables — every online
    /// item there is at home or on units without them — or one does, and then the hold's `count`
    /// tables stay free of reservations — the matching also gives `count` tables, among the
    /// hold's tables free of fixed reservations and blocks, to nobody. When neither matching
    /// exists at an instant, no re-assignment does. This is what refuses a full prime time quickly
    /// when the floor is full but for the tables held for walk-ins.
    static func instantsAllow(floor: Floor, fixed: DayState, items: [AssignmentModel.Item], around interval: (Int, Int)) -> Bool {
        var instants = Set([interval.0])
        for item in items where item.start > interval.0 && item.start < interval.1 { instants.insert(item.start) }
        let holds = floor.countHolds(on: fixed.weekday)
        let relevant = items.indices.filter { items[$0].start < interval.1 && interval.0 < items[$0].end }
        // Per item overlapping the interval: the tables of its eligible units and its smallest
        // unit's size; per hold, the same over the units an online item may take untriggered.
        var reach = Array(repeating: [Int](), count: items.count), demand = Array(repeating: 0, count: items.count)
        var mark = Array(repeating: -1, count: floor.tables.count), round = 0
        func tables(of units: [Int]) -> (reach: [Int], demand: Int) {
            round += 1
            var reach: [Int] = [], least = Int.max / 4
            for unit in units {
                let members = floor.units[unit].members
                least = min(least, members.count)
                for table in members where mark[table] != round {
                    mark[table] = round
                    reach.append(table)
                }
            }
            return (reach.sorted(), least)
        }
        for item in relevant { (reach[item], demand[item]) = tables(of: items[item].eligible) }
        let copies = floor.tables.count + 1
        var matching = InstantMatching(tables: floor.tables.count)
        /// Whether the items covering `instant` get their tables, with `extra` tables of `spare` to nobody.
        func matches(_ present: [Int], reach: [[Int]], demand: [Int], spare: [Int] = [], extra: Int = 0) -> Bool {
            matching.start(reach: present.map { reach[$0] } + [spare])
            for (vertex, item) in present.enumerated() {
                for _ in 0..<min(demand[item], copies) where !matching.augment(vertex) { return false }
            }
            for _ in 0..<extra where !matching.augment(present.count) { return false }
            return true
        }
        var untriggered: [Int: (reach: [[Int]], demand: [Int])] = [:]
        for instant in instants.sorted() {
            let present = relevant.filter { items[$0].start <= instant && instant < items[$0].end }
            let binding = holds.indices.filter { holds[$0].from <= instant && instant < holds[$0].to }
            if binding.isEmpty {
                guard matches(present, reach: reach, demand: demand) else { return false }
                continue
            }
            for index in binding {
                let hold = holds[index]
                if untriggered[index] == nil {
                    // Online items on units without the hold's tables, or at home.
                    var held = reach, least = demand
                    for item in relevant where items[item].channel == .online {
                        let units = items[item].eligible.filter { unit in
                            unit == items[item].current || !floor.units[unit].members.contains { hold.isMatching[$0] }
                        }
                        (held[item], least[item]) = units.isEmpty ? ([], 1) : tables(of: units)
                    }
                    untriggered[index] = (held, least)
                }
                let quiet = untriggered[index]!
                if matches(present, reach: quiet.reach, demand: quiet.demand) { continue }
                // A walk-in on the hold's tables takes none of its count: no bound then.
                let walkIn = present.contains { item in
                    items[item].channel == .walkIn && reach[item].contains { hold.isMatching[$0] }
                }
                if walkIn { continue }
                let spare = hold.tables.filter { fixed.isFreeOfReservations(table: $0, from: instant, to: instant + 1) }
                guard matches(present, reach: reach, demand: demand, spare: spare, extra: hold.count) else { return false }
            }
        }
        return true
    }
}

/// Tables given to items at one instant, each table to one item (`WholeDayProblem.instantsAllow`).
private struct InstantMatching {
    private var reach: [[Int]] = []
    private var owner: [Int]
    private var seen: [Int]
    private var round = 0

    init(tables: Int) {
        owner = Array(repeating: -1, count: tables)
        seen = Array(repeating: -1, count: tables)
    }

    /// Nothing matched; `reach[v]`: the tables vertex `v` may take.
    mutating func start(reach: [[Int]]) {
        self.reach = reach
        for table in owner.indices { owner[table] = -1 }
    }

    /// One more table for vertex `item`, moving others to other tables of theirs when needed.
    mutating func augment(_ item: Int) -> Bool {
        round += 1
        return search(item)
    }

    private mutating func search(_ item: Int) -> Bool {
        for table in reach[item] where seen[table] != round && owner[table] != item {
            seen[table] = round
            if owner[table] == -1 || search(owner[table]) {
                owner[table] = item
                return true
            }
        }
        return false
    }
}
