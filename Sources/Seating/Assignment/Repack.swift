/// Re-assigns a day's unlocked bookings to keep the most bookable capacity: fewer wasted seats,
/// fewer combinations, few moves.
///
/// Every booked, unlocked booking starting at or after `from` may move; seated, locked, finished
/// and earlier ones stay. Each keeps its time; the objective per booking is its wasted seats, plus
/// `combinationPenalty` on a combination, plus `movePenalty` when it changes tables. The current
/// assignment is always feasible, so a repack never seats fewer bookings; a solve that finds
/// nothing better in time, or whose answer fails verification, changes nothing.
///
/// ```swift
/// let result = Repack.optimize(floor: floor, day: day, from: 18 * 60)
/// result.moves        // [Move(booking: "B12", from: ["T5"], to: ["T2"]), ...]
/// result.before       // Figures(wastedSeats: 14, combinations: 3)
/// result.after        // Figures(wastedSeats: 6, combinations: 1)
/// ```
public enum Repack {
    /// Capacity figures of the bookings that could move.
    public struct Figures: Sendable, Equatable {
        public var wastedSeats: Int
        public var combinations: Int

        public init(wastedSeats: Int, combinations: Int) {
            self.wastedSeats = wastedSeats
            self.combinations = combinations
        }
    }

    /// What a repack did.
    public struct Result: Sendable, Equatable {
        public var moves: [Reshuffle.Move]
        public var before: Figures
        public var after: Figures
        /// The solver proved no better assignment exists (for the weights used).
        public var optimal: Bool
        /// How many bookings were free to move.
        public var considered: Int
    }

    /// Less than one seat: a move happens whenever it saves a seat, and never for nothing.
    public static let movePenalty = 0.5
    public static let combinationPenalty = 3.0

    /// The items and model of a repack (also what `maitre export` writes).
    public static func model(floor: Floor, day: DayState, from: Int?) -> (model: AssignmentModel, fixed: DayState) {
        let movable = day.bookings.values
            .filter { $0.status == .booked && !$0.locked && $0.start >= (from ?? 0) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        var fixed = day
        for booking in movable { fixed.remove(booking.id) }
        let items = movable.map { booking in
            let current = floor.unit(forTables: booking.tables)
            let span = day.occupiedSpan(of: booking)!
            return AssignmentModel.Item(
                booking: booking.id, party: booking.party, start: span.start, end: span.end,
                eligible: AssignmentModel.eligibleUnits(floor: floor, fixed: fixed, party: booking.party, from: span.start,
                                                        to: span.end, channel: booking.channel, current: current),
                current: current)
        }
        let model = AssignmentModel(floor: floor, items: items) { item, unit in
            Double(floor.units[unit].max - item.party) + (floor.units[unit].isCombination ? combinationPenalty : 0)
                + (unit == item.current ? 0 : movePenalty)
        }
        return (model, fixed)
    }

    public static func optimize(floor: Floor, day: DayState, from: Int?, timeLimitMilliseconds: Int = 1_000) -> Result {
        let (model, fixed) = model(floor: floor, day: day, from: from)
        let items = model.items
        func figures(_ units: [Int?]) -> Figures {
            var waste = 0, combinations = 0
            for (item, unit) in zip(items, units) {
                guard let unit else { continue }
                waste += floor.units[unit].max - item.party
                if floor.units[unit].isCombination { combinations += 1 }
            }
            return Figures(wastedSeats: waste, combinations: combinations)
        }
        let before = figures(items.map(\.current))
        let unchanged = Result(moves: [], before: before, after: before, optimal: false, considered: items.count)
        guard !items.isEmpty else { return Result(moves: [], before: before, after: before, optimal: true, considered: 0) }
        guard let solved = model.solve(timeLimitMilliseconds: timeLimitMilliseconds),
              let moves = Verification.movesIfValid(floor: floor, fixed: fixed, original: day, items: items,
                                                    units: solved.units, extra: nil) else { return unchanged }
        let after = figures(solved.units)
        return Result(moves: moves, before: before, after: after, optimal: solved.optimal, considered: items.count)
    }
}
