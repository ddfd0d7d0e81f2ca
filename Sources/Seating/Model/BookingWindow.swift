/// How far ahead a restaurant takes bookings: a minimum notice and a horizon for online
/// bookings (the layout's `bookingWindow`).
///
/// Invariants: `minNoticeMinutes` is in `0...maxNoticeMinutes`; `horizonDays` in
/// `0...maxHorizonDays` (0: online bookings for today's service day only). Hosts and walk-ins are
/// bound by neither: a host takes bookings for any later day and may enter today's past minutes
/// (a party that already sat); nobody books a service day that is over.
public struct BookingWindow: Sendable, Equatable, Codable {
    public static let maxNoticeMinutes = 30 * 1_440
    public static let maxHorizonDays = 3_660
    /// An online booking starts at least this many minutes after "now" (0: not in the past).
    public var minNoticeMinutes: Int
    /// An online booking's service day is at most this many days after today's.
    public var horizonDays: Int

    public init(minNoticeMinutes: Int = 0, horizonDays: Int = 90) {
        self.minNoticeMinutes = minNoticeMinutes
        self.horizonDays = horizonDays
    }
}

/// An instant in the restaurant's own time zone: a calendar date and the minute of that day
/// (`0..<1440`). The service computes it from its clock and the layout's `timezone`; the core
/// never reads a clock.
public struct LocalMoment: Sendable, Hashable {
    public var date: ServiceDate
    public var minute: Int

    public init(date: ServiceDate, minute: Int) {
        self.date = date
        self.minute = minute
    }

    /// Minutes from this moment to `time` (a service-day minute, past midnight included) on
    /// service day `date`; negative when that start is already past.
    public func minutes(until date: ServiceDate, at time: Int) -> Int {
        (date.dayNumber - self.date.dayNumber) * 1_440 + time - minute
    }
}
