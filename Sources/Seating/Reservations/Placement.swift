/// Where and when a booking would sit: the answer of `Reservations.place`.
///
/// Invariant: `tables` are exactly the tables of `unit`, free over
/// `[start, start + duration + buffer)` in the day it was computed for once `moves` (other
/// bookings re-assigned by a reshuffle, empty for greedy) are applied.
public struct Placement: Sendable, Equatable {
    public var start: Int
    public var duration: Int
    public var unit: Int
    public var tables: [String]
    public var moves: [Reshuffle.Move]

    public init(start: Int, duration: Int, unit: Int, tables: [String], moves: [Reshuffle.Move] = []) {
        self.start = start
        self.duration = duration
        self.unit = unit
        self.tables = tables
        self.moves = moves
    }
}
