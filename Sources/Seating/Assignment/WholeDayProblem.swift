/// The whole-day re-assignment question for one new party at one time: can every unlocked,
/// not-yet-seated booking keep its time and take some table so that the party also sits?
///
/// Invariants: `items` are the movable bookings (`isMovable`) whose occupied intervals chain to
/// the new party's through overlaps, in start then id order, each with the units `UnitRules`
/// allows it on `fixed` (count holds left to the model) and its current unit; the new party is the
/// last item. `fixed` is the day without those bookings. Built only when the new party has an
/// eligible unit with every movable booking gone and a counting bound does not already prove that
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

    /// `prove: false` skips the counting bound (to export the model of a day where it holds).
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
        guard !prove || Self.countingAllows(floor: floor, items: items, around: (start, end)) else { return nil }
        pools = TablePools(floor: floor, fixed: fixed, window: (low, high))
    }

    /// A necessary condition, cheap: at every instant of the new party's interval where an item
    /// starts, for every size threshold `s`, the items of at least `s` covers need at least their
    /// smallest unit's number of tables each, all different, among the tables of their eligible
    /// units. (Fixed bookings never share a table with an item's eligible unit, so they are out.)
    static func countingAllows(floor: Floor, items: [AssignmentModel.Item], around interval: (Int, Int)) -> Bool {
        var instants = Set([interval.0])
        for item in items where item.start > interval.0 && item.start < interval.1 { instants.insert(item.start) }
        let thresholds = Set(items.map(\.party)).sorted()
        for instant in instants {
            let covering = items.filter { $0.start <= instant && instant < $0.end }
            for threshold in thresholds {
                var needed = 0
                var tables = Set<Int>()
                for item in covering where item.party >= threshold {
                    needed += item.eligible.map { floor.units[$0].members.count }.min() ?? Int.max / 4
                    for unit in item.eligible { tables.formUnion(floor.units[unit].members) }
                }
                if needed > tables.count { return false }
            }
        }
        return true
    }
}
