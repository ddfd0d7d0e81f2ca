/// Whether a start time lies within the restaurant's booking window at "now": the one place the
/// window is decided (availability, book, modify and walk-in ask it).
///
/// Rules, in order (the first that binds is the reason):
/// 1. `past`: the service day is over for everyone (a day is over once every service that runs
///    that day has ended, services past midnight included); online, also a start already past.
/// 2. `short_notice`: online, the start is less than `minNoticeMinutes` ahead.
/// 3. `beyond_horizon`: online, the service day is more than `horizonDays` after today's date.
/// Hosts and walk-ins may book any time of a service day that is not over, today's past minutes
/// included. Without a `bookingWindow` in the layout, or without "now", nothing is refused here.
public enum BookingWindowRule {
    public static func reason(floor: Floor, date: ServiceDate, time: Int, channel: Booking.Channel,
                              now: LocalMoment?) -> SlotReason? {
        guard let window = floor.layout.bookingWindow, let now else { return nil }
        if isOver(floor: floor, date: date, now: now) { return .past }
        guard channel == .online else { return nil }
        let ahead = now.minutes(until: date, at: time)
        if ahead < 0 { return .past }
        if ahead < window.minNoticeMinutes { return .shortNotice }
        if date.dayNumber - now.date.dayNumber > window.horizonDays { return .beyondHorizon }
        return nil
    }

    /// Whether service day `date` has ended at `now`: an earlier date whose services (those that
    /// run on its weekday) all end by now; a service without an `end` runs until its last
    /// seating plus the longest turn time.
    public static func isOver(floor: Floor, date: ServiceDate, now: LocalMoment) -> Bool {
        guard date < now.date else { return false }
        let layout = floor.layout
        let longestTurn = layout.turnTimes.longestMinutes
        let end = layout.services.filter { $0.runs(on: date.weekday) }
            .map { $0.end ?? ($0.last + longestTurn) }.max() ?? 0
        return now.minutes(until: date, at: end) <= 0
    }

    /// The sentence a refusal for `reason` carries: what is asked, "now", and the window.
    public static func explain(_ reason: SlotReason, floor: Floor, query: SeatingQuery) -> String {
        let asked = "\(ClockTime.format(query.time)) on \(query.date)"
        guard let now = query.now else { return "\(asked) is outside the booking window" }
        let window = floor.layout.bookingWindow ?? BookingWindow()
        let clock = "now is \(ClockTime.format(now.minute)) on \(now.date), \(floor.layout.timezone) time"
        switch reason {
        case .shortNotice:
            return "\(asked) is \(now.minutes(until: query.date, at: query.time)) minutes ahead; online bookings need at least \(window.minNoticeMinutes) minutes' notice (\(clock))"
        case .beyondHorizon:
            return "\(query.date) is \(query.date.dayNumber - now.date.dayNumber) days ahead; online bookings open at most \(window.horizonDays) days ahead (\(clock))"
        default:
            if isOver(floor: floor, date: query.date, now: now) { return "the service day \(query.date) is over (\(clock))" }
            return "\(asked) has already passed (\(clock))"
        }
    }
}
