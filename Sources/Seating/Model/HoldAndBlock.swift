/// Capacity kept for walk-ins during a window on some weekdays.
///
/// Invariants: exactly one of the two kinds; `from < to`. A `.tables` hold keeps its tables
/// off reservations whose occupied interval overlaps `[from, to)`. A `.count` hold keeps at
/// least `count` tables matching the filter free of reservations at every minute of the window.
public struct Hold: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        case tables([String])
        case count(Int, area: String?, minCapacity: Int?, maxCapacity: Int?)
    }

    public var name: String
    public var kind: Kind
    public var days: Set<Weekday>
    public var from: Int
    public var to: Int

    public init(name: String, kind: Kind, days: Set<Weekday> = [], from: Int, to: Int) {
        self.name = name
        self.kind = kind
        self.days = days
        self.from = from
        self.to = to
    }

    public func applies(on weekday: Weekday) -> Bool { days.isEmpty || days.contains(weekday) }
}

/// Tables out of service on one date during `[from, to)` (private event, broken chair).
///
/// Invariants: the tables exist; `from < to`. No booking of any channel may use a blocked table
/// at a blocked minute.
public struct Block: Sendable, Equatable, Codable {
    public var tables: [String]
    public var date: ServiceDate
    public var from: Int
    public var to: Int
    public var reason: String?

    public init(tables: [String], date: ServiceDate, from: Int = 0, to: Int = ClockTime.limit, reason: String? = nil) {
        self.tables = tables
        self.date = date
        self.from = from
        self.to = to
        self.reason = reason
    }
}
