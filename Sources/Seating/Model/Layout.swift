/// A restaurant's floor and rules: tables, combinations, turn times, services, holds, blocks.
///
/// Invariants: a `Layout` that `LayoutValidator.validate` accepts has unique table and
/// combination ids, combinations of two or more distinct existing tables, `min <= max`
/// everywhere, ordered turn-time bands, at least one service with `first <= last`, and holds
/// and blocks that name existing tables. Everything past `restaurant`, `tables` and `services`
/// has a default (`slotMinutes` 15, `bufferMinutes` 0, `TurnTimes.defaultBands`).
///
/// ```swift
/// let layout = Layout(restaurant: "bistro",
///                     tables: [Table(id: "T1", min: 1, max: 2), Table(id: "T2", min: 2, max: 4)],
///                     services: [Service(name: "dinner", first: 18 * 60, last: 21 * 60)])
/// let floor = try Floor(layout)   // compiled, ready for availability
/// ```
public struct Layout: Sendable, Equatable, Codable {
    public var restaurant: String
    public var name: String
    public var timezone: String
    public var slotMinutes: Int
    public var bufferMinutes: Int
    public var tables: [Table]
    public var combinations: [Combination]
    public var turnTimes: TurnTimes
    public var services: [Service]
    public var holds: [Hold]
    public var blocks: [Block]
    /// Online minimum notice and horizon; nil: every date is bookable (replays, imports).
    public var bookingWindow: BookingWindow?

    public init(restaurant: String, name: String? = nil, timezone: String = "UTC", slotMinutes: Int = 15,
                bufferMinutes: Int = 0, tables: [Table], combinations: [Combination] = [],
                turnTimes: TurnTimes = TurnTimes(), services: [Service], holds: [Hold] = [], blocks: [Block] = [],
                bookingWindow: BookingWindow? = nil) {
        self.restaurant = restaurant
        self.name = name ?? restaurant
        self.timezone = timezone
        self.slotMinutes = slotMinutes
        self.bufferMinutes = bufferMinutes
        self.tables = tables
        self.combinations = combinations
        self.turnTimes = turnTimes
        self.services = services
        self.holds = holds
        self.blocks = blocks
        self.bookingWindow = bookingWindow
    }

    /// Total seats when every table seats its maximum alone.
    public var seats: Int { tables.reduce(0) { $0 + $1.max } }
}
