/// Where and when a booking would sit: the answer of `Reservations.place`.
///
/// Invariant: `tables` are exactly the tables of `unit`, free over
/// `[start, start + duration + buffer)` in the day it was computed for.
public struct Placement: Sendable, Equatable {
    public var start: Int
    public var duration: Int
    public var unit: Int
    public var tables: [String]
}
