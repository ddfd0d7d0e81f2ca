/// A party's claim on tables for an interval of a service day.
///
/// Invariants: `party >= 1`, `duration >= 1`; `tables` is one table or exactly the members of
/// one combination of the layout it was made under; while `status.isActive`, the booking
/// occupies its tables during `[start, start + duration + buffer)` and no other active booking
/// shares a table at any of those minutes. `locked` bookings are never moved by the engine.
public struct Booking: Sendable, Equatable {
    /// Where a booking is in its life.
    public enum Status: String, Sendable, CaseIterable {
        case booked, seated, finished, cancelled
        case noShow = "no_show"

        /// Booked or seated: the booking holds its tables now or later.
        public var isActive: Bool { self == .booked || self == .seated }
        /// Whether the booking occupied (or occupies) its tables at all.
        public var occupiesTables: Bool { self == .booked || self == .seated || self == .finished }
    }

    /// Who made the booking, which decides the rules it obeys.
    public enum Channel: String, Sendable, CaseIterable {
        /// A guest booking online: every rule applies.
        case online
        /// Staff at the host stand: may exceed pacing and count holds.
        case host
        /// A walk-in seated now: ignores holds and pacing.
        case walkIn = "walk_in"
    }

    public var id: String
    public var restaurant: String
    public var date: ServiceDate
    public var start: Int
    public var duration: Int
    public var party: Int
    public var tables: [String]
    public var status: Status
    public var channel: Channel
    public var locked: Bool
    public var area: String?
    public var tags: [String]
    public var notes: String?
    /// The guest as the client described it: canonical JSON text, opaque to the engine.
    public var guest: String?
    public var idempotencyKey: String?
    /// Whether `duration` was given by the request rather than taken from the turn times; a
    /// modified booking keeps a given duration and recomputes a derived one.
    public var durationGiven: Bool
    public var createdAt: String
    public var updatedAt: String

    public init(id: String, restaurant: String, date: ServiceDate, start: Int, duration: Int, party: Int,
                tables: [String], status: Status = .booked, channel: Channel = .online, locked: Bool = false,
                area: String? = nil, tags: [String] = [], notes: String? = nil, guest: String? = nil,
                idempotencyKey: String? = nil, durationGiven: Bool = false, createdAt: String = "",
                updatedAt: String = "") {
        self.id = id
        self.restaurant = restaurant
        self.date = date
        self.start = start
        self.duration = duration
        self.party = party
        self.tables = tables
        self.status = status
        self.channel = channel
        self.locked = locked
        self.area = area
        self.tags = tags
        self.notes = notes
        self.guest = guest
        self.idempotencyKey = idempotencyKey
        self.durationGiven = durationGiven
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The minute the party is expected to leave.
    public var end: Int { start + duration }
}
