/// Why the engine refused a booking change, as a value the service renders in one place.
///
/// Invariant: a refused change leaves every booking as it was.
public enum SeatingError: Error, Sendable, Equatable {
    /// Not a start time of a service (or would run past the service end online).
    case closed(String)
    /// Outside the booking window (`reason`: `past`, `short_notice` or `beyond_horizon`);
    /// `alternatives` as for `noCapacity` (later times of the day when the notice is short).
    case outsideWindow(reason: SlotReason, message: String, alternatives: [Slot])
    /// No table or combination seats this party.
    case partyTooLarge(party: Int, largest: Int)
    /// The service does not take this party size online.
    case partySizeNotAccepted(String)
    /// Nothing free at that time; `alternatives` are the nearest offerable slots.
    case noCapacity(reason: SlotReason, alternatives: [Slot])
    /// Pacing is full at that time (`excess`: the cap that binds, when known); `alternatives` as
    /// for `noCapacity`.
    case pacingLimit(alternatives: [Slot], excess: SlotEvaluator.PacingExcess? = nil)
    /// The tables a request names are not usable: `index` is the position in `tables`, when one
    /// table is at fault.
    case invalidTables(index: Int?, message: String)
    /// The booking's status does not allow the change.
    case invalidState(String)
    /// A request field is inconsistent with the booking (a finish before the party sat).
    case invalidField(field: String, message: String)

    public var message: String {
        switch self {
        case .closed(let text): text
        case .outsideWindow(_, let text, _): text
        case .partyTooLarge(let party, let largest):
            "no table or combination seats a party of \(party) (largest seats \(largest))"
        case .partySizeNotAccepted(let text): text
        case .noCapacity(let reason, _):
            switch reason {
            case .blocked: "the tables that fit are blocked at that time"
            case .heldForWalkIns: "the tables that fit are held for walk-ins at that time"
            default: "no table is free for this party at that time"
            }
        case .pacingLimit(_, let excess?):
            "\(excess.already) \(excess.cap.rawValue) already start in that pacing interval, which takes at most \(excess.limit)"
        case .pacingLimit: "too many parties or covers already start in that pacing interval"
        case .invalidTables(_, let text): text
        case .invalidState(let text): text
        case .invalidField(_, let text): text
        }
    }
}
