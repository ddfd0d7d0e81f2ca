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
    /// The clairvoyant optimum of the realised reservation requests (`OfflineOptimum`): the ceiling.
    case offline
}
