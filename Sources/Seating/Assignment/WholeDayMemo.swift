/// What the whole-day questions asked of one day share, kept between them: the day's movable
/// bookings in start order, and the last component with the day without it, its bookings as
/// items and what the matching bound needs of them. A booking backend asks several candidate times
/// of one day in a row (a window, a guest's flexibility), and on a busy evening their components
/// are the same bookings, so the day is copied and each booking's units judged once instead of
/// once per time.
///
/// A memo may also follow a restaurant-day from one version to the next (`advance(to:)`, which
/// `Reshuffle.decider(floor:day:limits:memo:)` calls): when the new version is the old one with one
/// more movable booking (a `book`), the component that holds it keeps its day without the
/// component, its items (the new booking's inserted), and the matchings of the instants the new
/// booking does not cover; any other change empties it.
///
/// Invariants: used with one floor, and with one day at a time (`day`; the component's entries are
/// of `day` without `pending` when `pending` is set); an entry is the pure function of that day and
/// the component's booking ids, so answers with and without it are identical. Used by one thread
/// at a time: another thread gets a `copy()` (its fields are values, so a copy costs no copying).
///
/// ```swift
/// let planner = Reshuffle.planner(floor: floor, day: day, limits: limits)  // holds a memo
/// planner(query.at(19 * 60)); planner(query.at(19 * 60 + 15))              // the second reuses it
/// ```
public final class WholeDayMemo: @unchecked Sendable {
    /// What the memo knows of the last component asked about: its booking ids, the day without
    /// them, them as items, and what the matching bound and the searches computed of them.
    struct Component {
        let ids: [String]
        let fixed: DayState
        var items: [AssignmentModel.Item]
        /// What the matching bound computed of those items so far (nil: not yet).
        var reach: [BoundReach?]
        /// The matching bound's matchings of those items alone, per instant and variant
        /// (`InstantMatching.Base`): the part of the bound every new party at that instant shares.
        var matchings: [InstantMatching.Key: InstantMatching.Base] = [:]
        /// Per new party, whether its tables could be added to each of those matchings: the
        /// candidate times of one ask cover mostly the same instants.
        var newFits: [NewPartyKey: [InstantMatching.Key: Bool]] = [:]
        /// The pools of the last window of that component and its items' options on them.
        var pools: (window: (low: Int, high: Int), pools: TablePools, options: [[Int]])?

        init(ids: [String], fixed: DayState, items: [AssignmentModel.Item]) {
            self.ids = ids
            self.fixed = fixed
            self.items = items
            reach = Array(repeating: nil, count: items.count)
        }
    }

    /// The day the entries are about.
    private(set) var day: DayState?
    /// A movable booking `day` has and `component` does not have yet.
    private(set) var pending: Booking?
    /// The day's movable bookings with their occupied intervals, by start then id.
    var spans: [(booking: Booking, start: Int, end: Int)]?
    var component: Component?
    /// What the matching bound needs of a new party, by what it depends on (no day).
    var newReach: [NewPartyKey: BoundReach] = [:]

    /// A new party as the bound sees it: its eligible units and channel.
    struct NewPartyKey: Hashable {
        let eligible: [Int]
        let channel: Booking.Channel
    }

    public init() {}

    /// A memo with the same entries, for another thread.
    public func copy() -> WholeDayMemo {
        let copy = WholeDayMemo()
        copy.day = day
        copy.pending = pending
        copy.spans = spans
        copy.component = component
        copy.newReach = newReach
        return copy
    }

    /// The questions are now about `next`: entries stay when it is the same day, wait to take in
    /// the one booking it adds when that is all that changed (`pending`), and go otherwise.
    func advance(to next: DayState) {
        guard let day else {
            day = next
            return
        }
        self.day = next
        guard day.date == next.date, day.blocks == next.blocks else { return forget() }
        if day.bookings == next.bookings { return }
        guard pending == nil, next.bookings.count == day.bookings.count + 1,
              day.bookings.allSatisfy({ next.bookings[$0.key] == $0.value }),
              let added = next.bookings.values.first(where: { day.bookings[$0.id] == nil }),
              WholeDayProblem.isMovable(added) else { return forget() }
        pending = added
        spans = nil
    }

    /// Whether the component `ids` (of `day`) is the memo's component with `pending` added; if so
    /// the component takes it in (its item inserted, the matchings of the instants it covers
    /// dropped, the others' vertices renumbered), and its `fixed` is the day without it.
    func absorbPending(into ids: [String], floor: Floor) -> Bool {
        guard let added = pending, let day, var kept = component, ids.count == kept.ids.count + 1,
              let position = ids.firstIndex(of: added.id) else { return false }
        var others = ids
        others.remove(at: position)
        guard others == kept.ids else { return false }
        component = nil  // uniquely referenced while it changes
        let item = AssignmentModel.Item(booking: added, floor: floor, day: day, fixed: kept.fixed)
        var grown = Component(ids: ids, fixed: kept.fixed, items: kept.items)
        grown.items.insert(item, at: position)
        kept.reach.insert(nil, at: position)
        grown.reach = kept.reach
        let covered = { (key: InstantMatching.Key) in item.start <= key.instant && key.instant < item.end }
        grown.matchings = kept.matchings.filter { !covered($0.key) }.mapValues { $0.inserting(vertex: position) }
        grown.newFits = kept.newFits.mapValues { $0.filter { !covered($0.key) } }
        if let pools = kept.pools {
            var options = pools.options
            options.insert(pools.pools.representatives(item.eligible), at: position)
            grown.pools = (pools.window, pools.pools, options)
        }
        component = grown
        pending = nil
        return true
    }

    /// The component `fresh`, built for `day` from scratch.
    func rebuilt(_ fresh: Component) {
        component = fresh
        pending = nil
    }

    /// Nothing kept but what depends on no day (the new parties' bound data, keyed by their units).
    private func forget() {
        pending = nil
        spans = nil
        component = nil
    }
}
