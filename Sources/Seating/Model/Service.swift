/// A shift (lunch, dinner, late) during which parties may start on a slot grid.
///
/// Invariants: `first <= last`; when `end` is set, `end > first`; the grid is `first`,
/// `first + slotMinutes`, ... up to `last` inclusive; `1 <= minParty <= maxParty`. `days` empty
/// means every day. Times are service-day minutes, so a late service may run to `25:00`.
///
/// ```swift
/// // Dinner Tue-Sat, seatings 17:30...22:00 every 15 min, everyone out by 23:30.
/// Service(name: "dinner", days: [.tue, .wed, .thu, .fri, .sat],
///         first: 17 * 60 + 30, last: 22 * 60, end: 23 * 60 + 30)
/// ```
public struct Service: Sendable, Equatable, Codable {
    public var name: String
    public var days: Set<Weekday>
    public var first: Int
    public var last: Int
    /// Online bookings must finish by this time.
    public var end: Int?
    /// Overrides the layout's slot grid for this service.
    public var slotMinutes: Int?
    /// Party-size limits for online booking.
    public var minParty: Int
    public var maxParty: Int
    public var pacing: Pacing?

    public init(name: String, days: Set<Weekday> = [], first: Int, last: Int, end: Int? = nil,
                slotMinutes: Int? = nil, minParty: Int = 1, maxParty: Int = 20, pacing: Pacing? = nil) {
        self.name = name
        self.days = days
        self.first = first
        self.last = last
        self.end = end
        self.slotMinutes = slotMinutes
        self.minParty = minParty
        self.maxParty = maxParty
        self.pacing = pacing
    }

    /// Whether the service runs on `weekday`.
    public func runs(on weekday: Weekday) -> Bool { days.isEmpty || days.contains(weekday) }

    /// Whether the door takes walk-ins at `time` (on a day the service runs): from the first
    /// seating until `end`, or until the last seating when the service has no `end`, both inclusive.
    public func seatsWalkIns(at time: Int) -> Bool { first <= time && time <= (end ?? last) }

    /// The start times of this service's grid given the layout's default slot size.
    public func grid(defaultSlot: Int) -> StrideThrough<Int> {
        stride(from: first, through: last, by: max(1, slotMinutes ?? defaultSlot))
    }
}

/// At most `maxCovers` covers and/or `maxParties` parties may start in each pacing interval,
/// buckets aligned to the service's first seating.
public struct Pacing: Sendable, Equatable, Codable {
    public var intervalMinutes: Int
    public var maxCovers: Int?
    public var maxParties: Int?

    public init(intervalMinutes: Int = 15, maxCovers: Int? = nil, maxParties: Int? = nil) {
        self.intervalMinutes = intervalMinutes
        self.maxCovers = maxCovers
        self.maxParties = maxParties
    }
}
