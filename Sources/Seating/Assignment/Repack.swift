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
        let items = movable.map { AssignmentModel.Item(booking: $0, floor: floor, day: day, fixed: fixed) }
        return (AssignmentModel(floor: floor, items: items, cost: cost(floor: floor)), fixed)
    }

    /// An item's cost on a unit: wasted seats, the combination penalty, the move penalty.
    static func cost(floor: Floor) -> (AssignmentModel.Item, Int) -> Double {
        { item, unit in
            Double(floor.units[unit].max - item.party) + (floor.units[unit].isCombination ? combinationPenalty : 0)
                + (unit == item.current ? 0 : movePenalty)
        }
    }

    /// Indices of the items in groups whose intervals overlap (chained); groups share no table-minute.
    static func components(_ items: [AssignmentModel.Item]) -> [[Int]] {
        var groups: [[Int]] = []
        var reach = Int.min
        for index in items.indices.sorted(by: { (items[$0].start, $0) < (items[$1].start, $1) }) {
            if groups.isEmpty || items[index].start >= reach { groups.append([]) }
            groups[groups.count - 1].append(index)
            reach = max(reach, items[index].end)
        }
        return groups
    }

    /// `timeLimitMilliseconds` caps the integer program; 0 runs the local search alone.
    public static func optimize(floor: Floor, day: DayState, from: Int?, timeLimitMilliseconds: Int = 1_000) -> Result {
        let model = model(floor: floor, day: day, from: from).model
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
        // Local search from the current plan, then branch-and-bound from its plan, one component of
        // overlapping bookings at a time (they share no table-minute).
        // (Every stored booking sits on a unit of the floor; if one did not, it has no start.)
        let cost = cost(floor: floor)
        var searched: [Int]?
        if items.allSatisfy({ $0.current != nil }) {
            var search = RepackSearch(floor: floor, day: day, items: items, cost: cost)
            search.improve(rounds: 20)
            searched = search.units
        }
        var units = searched ?? items.map { $0.current ?? -1 }
        var optimal = true
        // A cap of 0 keeps the local search only: deterministic, for replays and simulations.
        if timeLimitMilliseconds <= 0 { optimal = false }
        for component in components(items) where timeLimitMilliseconds > 0 {
            let subset = component.map { items[$0] }
            let start = searched.map { plan in component.map { plan[$0] } }
            let share = max(1, timeLimitMilliseconds * component.count / items.count)
            // Dual simplex: on a 400-booking hall day its relaxation solves in 1.7 s against 4.6 s.
            guard let solved = AssignmentModel(floor: floor, items: subset, cost: cost)
                .solve(timeLimitMilliseconds: share, start: start, simplex: .dual) else {
                optimal = false
                continue
            }
            optimal = optimal && solved.optimal
            let total = { (chosen: [Int]) in zip(subset, chosen).reduce(0.0) { $0 + cost($1.0, $1.1) } }
            if start == nil || total(solved.units) < total(start!) - 1e-9 {
                for (index, unit) in zip(component, solved.units) { units[index] = unit }
            }
        }
        let plans = [units] + (searched.map { [$0] } ?? [])
        guard let (chosen, moves) = plans.lazy.filter({ $0.allSatisfy { $0 >= 0 } }).compactMap({ plan in
            Verification.movesIfValid(floor: floor, original: day, items: items, units: plan, extra: nil).map { (plan, $0) }
        }).first else { return unchanged }
        let after = figures(chosen)
        return Result(moves: moves, before: before, after: after, optimal: optimal && chosen == units, considered: items.count)
    }
}
