import Foundation
import Seating

/// Where the service reads the time: the only wall clock in Maître, kept at the edge.
///
/// Invariant: `now()` is only used for `createdAt`/`updatedAt`, for "today" (which bookings
/// count as future) and for "now" of the booking window, passed to the core as a `LocalMoment`;
/// the core never reads a clock.
public protocol ServiceClock: Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    func now() -> Date
}

/// The machine's clock.
public struct SystemClock: ServiceClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock frozen at one instant: golden sessions and replays give byte-identical output.
public struct FixedClock: ServiceClock {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }

    /// Parses `2026-11-21T12:00:00Z`.
    public init?(iso8601 text: String) {
        guard let date = ISO8601DateFormatter().date(from: text) else { return nil }
        self.instant = date
    }

    public func now() -> Date { instant }
}

enum Timestamps {
    /// `2026-11-21T18:04:05Z`, UTC, second precision: the calendar day from `ServiceDate`'s civil
    /// arithmetic, without a formatter object (one per call cost a tenth of a book); a formatter
    /// only outside `ServiceDate`'s years.
    static func iso(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        guard let day = ServiceDate(year: 1970, month: 1, day: 1)?.adding(days: days) else {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: date)
        }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T" + two(inDay / 3_600) + ":" + two(inDay / 60 % 60) + ":" + two(inDay % 60) + "Z"
    }

    /// The calendar date and minute of the day at `date` in `timezone` (UTC when unknown).
    static func localMoment(_ date: Date, timezone: String) -> LocalMoment {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = ServiceDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? ServiceDate(year: 1970, month: 1, day: 1)!
        return LocalMoment(date: day, minute: (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
    }

    /// The calendar date at `date` in `timezone` (UTC when unknown).
    static func localDate(_ date: Date, timezone: String) -> (year: Int, month: Int, day: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
