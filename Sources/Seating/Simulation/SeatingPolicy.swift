/// How a simulated restaurant chooses tables.
public enum SeatingPolicy: String, CaseIterable, Sendable {
    /// The first table or combination by id that fits and is free (the naive baseline).
    case firstFit = "first-fit"
    /// Greedy best fit, no re-assignment.
    case bestFit = "best-fit"
    /// What `maitre serve` does: best fit, and the whole-day re-assignment when greedy finds nothing.
    case engine
    /// The engine, plus a repack of the day after each booking.
    case engineRepack = "engine+repack"
    /// The clairvoyant optimum of the realised reservation requests, each at any time within its
    /// flexibility, under every rule an online booking obeys (`OfflineOptimum.Rules.floor`): the
    /// ceiling no policy can beat.
    case offline
    /// The same without the floor's rules (pacing, holds, service party limits and ends: physics
    /// only): what the rules cost is the distance between the two ceilings.
    case offlineFree = "offline-free"

    /// Whether this is one of the clairvoyant ceilings (they seat reservation requests only).
    public var isCeiling: Bool { self == .offline || self == .offlineFree }
}
