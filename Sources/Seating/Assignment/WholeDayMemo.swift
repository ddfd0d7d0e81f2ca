/// What the whole-day questions asked of one day share, kept between them: the day's movable
/// bookings in start order, and the last component with the day without it, its bookings as
/// items and what the matching bound needs of them. A booking backend asks several candidate times of one day in a row (a window, a guest's
/// flexibility), and on a busy evening their components are the same bookings, so the day is
/// copied and each booking's units judged once instead of once per time.
///
/// Invariants: used with one floor and one day only (`Reshuffle.planner` makes one per planner,
/// which is per day); an entry is the pure function of that day and the component's booking ids,
/// so answers with and without it are identical. Not shared between threads.
///
/// ```swift
/// let planner = Reshuffle.planner(floor: floor, day: day, limits: limits)  // holds a memo
/// planner(query.at(19 * 60)); planner(query.at(19 * 60 + 15))              // the second reuses it
/// ```
final class WholeDayMemo {
    /// The day's movable bookings with their occupied intervals, by start then id.
    var spans: [(booking: Booking, start: Int, end: Int)]?
    /// The last component's booking ids, the day without them, and them as items.
    var component: [String] = []
    var fixed: DayState?
    var items: [AssignmentModel.Item] = []
    /// What the matching bound computed of those items so far (nil: not yet).
    var reach: [BoundReach?] = []
    /// The matching bound's matchings of those items alone, per instant and variant
    /// (`InstantMatching.Base`): the part of the bound every new party at that instant shares.
    var matchings: [InstantMatching.Key: InstantMatching.Base] = [:]
    /// What the matching bound needs of a new party, by what it depends on.
    var newReach: [NewPartyKey: BoundReach] = [:]
    /// Per new party, whether its tables could be added to each of those matchings: the candidate
    /// times of one ask cover mostly the same instants.
    var newFits: [NewPartyKey: [InstantMatching.Key: Bool]] = [:]
    /// The pools of the last window of that component and its items' options on them.
    var pools: (window: (low: Int, high: Int), pools: TablePools, options: [[Int]])?

    /// A new party as the bound sees it: its eligible units and channel.
    struct NewPartyKey: Hashable {
        let eligible: [Int]
        let channel: Booking.Channel
    }
}
