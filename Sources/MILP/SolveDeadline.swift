/// A time budget shared by several solves (the components of one day, say): the one place
/// outside GLPK where the MILP layer reads the clock, so that callers in the pure core can split
/// a cap without reading it themselves.
///
/// Invariant: `remainingMilliseconds` never grows and is never negative.
public struct SolveDeadline: Sendable {
    /// When the budget runs out.
    let end: ContinuousClock.Instant

    /// A deadline `milliseconds` from now.
    public init(milliseconds: Int) {
        end = ContinuousClock.now + .milliseconds(max(0, milliseconds))
    }

    /// Whole milliseconds left before the deadline (0 once it has passed).
    public var remainingMilliseconds: Int {
        let left = end - ContinuousClock.now
        return left <= .zero ? 0 : Int(left / .milliseconds(1))
    }
}
