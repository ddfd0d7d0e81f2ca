/// Whether a party may use a table or combination over `[from, to)`: the one place that decides.
///
/// Every path that puts a party on a unit asks here (greedy best fit, book, modify, seat, walk-in,
/// the one-move and whole-day reshuffles, their verification, repack, the offline optimum, layout
/// changes), so they cannot disagree. The checks, in order, and the first that fails is the answer:
/// 1. `doesNotFit`: the party is outside the unit's `min...max`;
/// 2. `notForChannel`: a walk-in-only table for a reservation the engine picks (`named`: a host
///    may name one, an online guest may not);
/// 3. `occupied`: a booking holds one of its tables at some minute (buffer included);
/// 4. `blocked`: a block covers one of its tables at some minute;
/// 5. `held`: a table hold covers one of its tables (online and host reservations), or (online
///    only) taking it would leave fewer than a count hold's `count` matching tables free of
///    reservations at some minute of the hold's window. `holds` narrows this for callers that
///    state holds otherwise: an integer program with count-hold rows of its own
///    (`.tableHoldsOnly`), the analysts' offline optimum, which leaves holds out (`.none`).
///
/// `day` is the day *without* the party being placed. Walk-ins ignore holds.
///
/// ```swift
/// // May an online party of 4 take T7 from 19:00 for 90 minutes (buffer 15)?
/// UnitRules.verdict(floor: floor, day: day, unit: t7, party: 4, from: 1140, to: 1245, channel: .online)
/// // .allowed, or e.g. .held("prime-time buffer") when T7 is one of the last two free matching tables
/// ```
public enum UnitRules {
    /// What the rules say of one unit for one party and interval.
    public enum Verdict: Sendable, Equatable {
        case allowed
        case doesNotFit
        case notForChannel
        case occupied
        case blocked
        /// The name of the table hold or count hold that keeps the unit for walk-ins.
        case held(String)

        /// The hold's name when a hold is the reason.
        public var heldBy: String? {
            if case .held(let name) = self { return name }
            return nil
        }
    }

    /// Whether the channel may have the unit: the engine picks walk-in-only tables for walk-ins
    /// only; when the request names the unit (`named`), everyone but an online guest may have it.
    @inline(__always)
    public static func channelAllows(floor: Floor, unit: Int, channel: Booking.Channel, named: Bool = false) -> Bool {
        channel == .walkIn || floor.units[unit].reservable || (named && channel != .online)
    }

    /// Which holds a verdict applies (to the channels they bind).
    public enum Holds: Sendable {
        case all
        case tableHoldsOnly
        case none
    }

    /// The verdict for `party` on `unit` over `[from, to)`; see the type's documentation.
    @inline(__always)
    public static func verdict(
        floor: Floor, day: DayState, unit: Int, party: Int, from: Int, to: Int, channel: Booking.Channel,
        named: Bool = false, holds: Holds = .all
    ) -> Verdict {
        // Fields, not a copy of the unit: copying would retain its strings and arrays (hot path).
        guard floor.units[unit].fits(party) else { return .doesNotFit }
        guard channelAllows(floor: floor, unit: unit, channel: channel, named: named) else { return .notForChannel }
        let members = floor.units[unit].members
        for table in members where !day.isFree(table: table, from: from, to: to) { return .occupied }
        for table in members where day.isBlocked(table: table, from: from, to: to) { return .blocked }
        guard channel != .walkIn, holds != .none else { return .allowed }
        if let name = HoldRules.tableHold(floor: floor, weekday: day.weekday, unit: unit, from: from, to: to) { return .held(name) }
        if holds == .all, channel == .online,
           let name = HoldRules.countHold(floor: floor, day: day, unit: unit, from: from, to: to) {
            return .held(name)
        }
        return .allowed
    }

    /// Whether `booking` may stay on or move to `unit` given every other booking of `day` (which
    /// may or may not hold the booking itself: it is left out).
    public static func verdict(floor: Floor, day: DayState, booking: Booking, unit: Int) -> Verdict {
        var without = day
        if without.bookings[booking.id] != nil { without.remove(booking.id) }
        let span = day.occupiedSpan(of: booking) ?? (booking.start, booking.end + day.buffer)
        return verdict(floor: floor, day: without, unit: unit, party: booking.party, from: span.start, to: span.end,
                       channel: booking.channel)
    }
}
