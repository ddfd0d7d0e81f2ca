/// What a party asks for: a date and start time, its size, optional own duration and
/// preferences, and the channel whose rules apply.
///
/// Invariants: `party >= 1`; `time` is a service-day minute; `duration`, when given, is
/// positive. Preferences (`area`, `tags`) rank tables; they never exclude one.
public struct SeatingQuery: Sendable, Equatable {
    public var date: ServiceDate
    public var time: Int
    public var party: Int
    public var duration: Int?
    public var area: String?
    public var tags: [String]
    public var channel: Booking.Channel
    /// "Now" in the restaurant's time zone, for the booking window (`BookingWindowRule`); nil:
    /// no window applies (layout changes, simulations, exports).
    public var now: LocalMoment?

    public init(date: ServiceDate, time: Int, party: Int, duration: Int? = nil, area: String? = nil,
                tags: [String] = [], channel: Booking.Channel = .online, now: LocalMoment? = nil) {
        self.date = date
        self.time = time
        self.party = party
        self.duration = duration
        self.area = area
        self.tags = tags
        self.channel = channel
        self.now = now
    }

    /// The same query at another start time.
    public func at(_ time: Int) -> SeatingQuery {
        var copy = self
        copy.time = time
        return copy
    }
}

/// Why a start time can or cannot be offered, in the order the engine checks the rules
/// (the first rule that binds is the reason given).
public enum SlotReason: String, Sendable, CaseIterable {
    case available
    /// No table or combination of the floor seats the party, at any time.
    case partyTooLarge = "party_too_large"
    /// Not a start time of any service that day, or an online booking would end after the service.
    case closed
    /// The service day is over, or (online) the time has already passed.
    case past
    /// Online, the time is less than the booking window's minimum notice ahead.
    case shortNotice = "short_notice"
    /// Online, the date is further ahead than the booking window's horizon.
    case beyondHorizon = "beyond_horizon"
    /// The services at that time do not take parties of that size online.
    case partySizeNotAccepted = "party_size_not_accepted"
    /// The pacing interval is full.
    case pacingLimit = "pacing_limit"
    /// A free table exists, but only among tables held for walk-ins.
    case heldForWalkIns = "held_for_walk_ins"
    /// A free table exists, but only among blocked tables.
    case blocked
    /// Every table that seats the party is taken.
    case noTable = "no_table"
}

/// A start time the engine can offer, with the tables it would use.
public struct Slot: Sendable, Equatable {
    public var time: Int
    public var duration: Int
    public var unit: Int
    public var tables: [String]
    /// Whether other bookings must move for this slot.
    public var reshuffle: Bool
}
