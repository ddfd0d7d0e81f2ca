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
    /// Interchangeable tables over the component's span.
    let pools: TablePools
    /// Per item but the new party: its eligible units with pools as their representative
    /// (`TablePools.representatives`), the options of the searches.
    let knownOptions: [[Int]]

    /// Bookings whose tables the restaurant may still change: booked, not locked.
    static func isMovable(_ booking: Booking) -> Bool { booking.status == .booked && !booking.locked }

    /// `prove: false` skips the matching bound (to export the model of a day where it holds).
    /// `memo`: what earlier questions on this same day computed (`WholeDayMemo`).
    init?(floor: Floor, day: DayState, query: SeatingQuery, prove: Bool = true, memo: WholeDayMemo? = nil) {
        self.floor = floor
        self.day = day
        self.query = query
        duration = SlotEvaluator.duration(floor: floor, query: query)
        start = query.time
        end = query.time + duration + day.buffer
        // The component: movable bookings chained to [start, end) by overlapping intervals.
        let spans = memo?.spans ?? day.bookings.values.filter(Self.isMovable)
            .compactMap { booking in day.occupiedSpan(of: booking).map { (booking: booking, start: $0.start, end: $0.end) } }
            .sorted { ($0.start, $0.booking.id) < ($1.start, $1.booking.id) }
        if memo?.spans == nil { memo?.spans = spans }
        // One sweep in start order, the new party's interval among the spans (before those that
        // start with it): runs of overlapping intervals; the component is the run holding the new party.
        var low = Int.min, high = Int.min, holdsNew = false, next = 0
        while !holdsNew || next < spans.count {
            let isNew = !holdsNew && (next == spans.count || spans[next].start >= start)
            let (from, to) = isNew ? (start, end) : (spans[next].start, spans[next].end)
            if from >= high {
                if holdsNew { break }
                low = from
                high = to
            } else {
                high = max(high, to)
            }
            if isNew { holdsNew = true } else { next += 1 }
        }
        // Indices first: a booking is copied only when the component is built afresh.
        let members = spans.indices.filter { spans[$0].start < high && spans[$0].end > low }
        guard !members.isEmpty else { return nil }
        let ids = members.map { spans[$0].booking.id }
        let fixed: DayState, known: [AssignmentModel.Item]
        if let memo, memo.pending == nil, let kept = memo.component, kept.ids == ids {
            fixed = kept.fixed
            known = kept.items
        } else if let memo, memo.absorbPending(into: ids, floor: floor), let kept = memo.component {
            // The memo's component plus the one booking this version of the day adds.
            fixed = kept.fixed
            known = kept.items
        } else {
            let component = members.map { spans[$0].booking }
            var without = day
            for booking in component { without.remove(booking.id) }
            fixed = without
            known = component.map { AssignmentModel.Item(booking: $0, floor: floor, day: day, fixed: without) }
            memo?.rebuilt(WholeDayMemo.Component(ids: ids, fixed: without, items: known))
        }
        self.fixed = fixed
        let newEligible = AssignmentModel.eligibleUnits(floor: floor, fixed: fixed, party: query.party, from: start, to: end,
                                                        channel: query.channel, current: nil)
        guard !newEligible.isEmpty else { return nil }
        var items = known
        items.append(AssignmentModel.Item(booking: nil, party: query.party, start: start, end: end, eligible: newEligible,
                                          current: nil, channel: query.channel))
        self.items = items
        if prove {
            // Taken out of the memo while it grows, so that it is not copied.
            var reach = memo?.component?.reach ?? Array(repeating: nil, count: known.count)
            memo?.component?.reach = []
            let newKey = WholeDayMemo.NewPartyKey(eligible: newEligible, channel: query.channel)
            reach.append(memo?.newReach[newKey])  // the new party's
            var matchings = memo?.component?.matchings ?? [:]
            memo?.component?.matchings = [:]
            var fits = memo?.component?.newFits.removeValue(forKey: newKey) ?? [:]
            let allowed = Self.instantsAllow(floor: floor, fixed: fixed, items: items, reach: &reach, matchings: &matchings,
                                             fits: &fits, around: (start, end))
            memo?.component?.matchings = matchings
            memo?.component?.newFits[newKey] = fits
            if let last = reach.removeLast() { memo?.newReach[newKey] = last }
            memo?.component?.reach = reach
            guard allowed else { return nil }
        }
        if let memo, let kept = memo.component?.pools, kept.window == (low, high) {
            pools = kept.pools
            knownOptions = kept.options
        } else {
            let fresh = TablePools(floor: floor, fixed: fixed, window: (low, high))
            let options = known.map { fresh.representatives($0.eligible) }
            pools = fresh
            knownOptions = options
            memo?.component?.pools = (window: (low, high), pools: fresh, options: options)
        }
    }
}
