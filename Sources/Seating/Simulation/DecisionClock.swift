/// A clock the caller lends the simulation to time its seating decisions (`solverMsP95`).
///
/// Invariants: the core never reads a clock of its own; without a `DecisionClock` a simulation is
/// pure and its metrics carry no timings (`ReplicationMetrics.decisionMilliseconds` is nil), so the
/// same demand always gives equal metrics. With one, only the timings depend on it.
public struct DecisionClock: Sendable {
    /// A monotonic reading in nanoseconds.
    public let nanoseconds: @Sendable () -> UInt64

    public init(nanoseconds: @escaping @Sendable () -> UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// Runs `work` and returns its result with the milliseconds it took by `clock` (nil without one).
    static func measure<Result>(_ clock: DecisionClock?, _ work: () -> Result) -> (Result, Double?) {
        guard let clock else { return (work(), nil) }
        let start = clock.nanoseconds()
        let result = work()
        let end = clock.nanoseconds()
        return (result, Double(end &- start) / 1e6)
    }

    /// The nearest-rank 95th percentile of `values` (0 when there are none).
    static func percentile95(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
