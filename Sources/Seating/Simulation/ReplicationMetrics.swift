/// What one policy did with one replication's demand.
public struct ReplicationMetrics: Sendable, Equatable {
    /// Nothing happened yet: the simulation counts into it.
    public init() {}

    /// Reservation requests plus walk-ins that arrived.
    public var requests = 0
    /// Parties that sat down (reservations and walk-ins).
    public var seated = 0
    /// Reservation requests given no time within their flexibility, and walk-ins that left.
    public var turnedAway = 0
    public var turnedAwayByParty: [Int: Int] = [:]
    public var turnedAwayByHour: [Int: Int] = [:]
    /// Why, by reason: a reservation request's `SlotReason` at the nearest time of its window still
    /// ahead (`closed`, `party_size_not_accepted`, `pacing_limit`, `held_for_walk_ins`, `blocked`,
    /// `no_table`, `past`...), `waited_too_long` (a booked party whose tables stayed taken an hour),
    /// `walk_in_left` (a walk-in with no table within its patience), `not_seated` (a ceiling's);
    /// the counts sum to `turnedAway`.
    public var turnedAwayByReason: [String: Int] = [:]
    public var covers = 0
    public var reservationCovers = 0
    public var revenue = 0.0
    public var revenueByHour: [Int: Double] = [:]
    /// Parties that came to the door: walk-ins, and reservations neither cancelled nor no-show
    /// (booked or turned away).
    public var arriving = 0
    /// Guest-minutes at table per hour.
    public var seatMinutesByHour: [Int: Int] = [:]
    public var walkInsSeated = 0
    public var walkInsLost = 0
    /// Minutes each seated walk-in waited (0 when seated on arrival).
    public var walkInWaits: [Int] = []
    /// Bookings moved to other tables by re-assignments and repacks.
    public var moves = 0
    /// A ceiling's proven bound on the reservation covers any plan could seat (`offline`,
    /// `offline-free`); nil for the online policies.
    public var coversBound: Int?
    /// Milliseconds each seating decision took (a reservation request's search of its window with
    /// any re-assignment or repack, a walk-in's seating; `offline`: the ceiling's one solve), when
    /// the run was given a `DecisionClock`; nil otherwise.
    public var decisionMilliseconds: [Double]?

    static let waitedTooLong = "waited_too_long"
    static let walkInLeft = "walk_in_left"
    static let notSeated = "not_seated"

    mutating func turnAway(party: Int, at time: Int, reason: String) {
        turnedAway += 1
        turnedAwayByReason[reason, default: 0] += 1
        turnedAwayByParty[party, default: 0] += 1
        turnedAwayByHour[time / 60, default: 0] += 1
    }
}
