/// Interchangeable tables grouped into capacity classes for the offline optimum.
///
/// Invariants: a class is a group of `InterchangeableTables` over the whole day (the tables the
/// request path would pool, classes of one table included): single, reservable tables that belong
/// to no combination and have no block on the day, all with the same `min...max`; under the
/// floor's rules (`underRules`) also no table hold on the day's weekday, and the same membership of
/// every count hold, so any table of a class counts alike for every rule. Every other reservable
/// unit (tables in combinations, blocked or held tables, combinations) stays individual. A plan
/// that uses a class at most `k` times at every instant can be given concrete tables by interval
/// colouring in start order (`InterchangeableTables.colour`).
struct TableClasses {
    struct TableClass {
        var min: Int
        var max: Int
        var tables: [Int]   // unit indices of single tables, in natural order
    }

    let floor: Floor
    let day: DayState
    let classes: [TableClass]
    /// Reservable units modelled one by one.
    let individual: [Int]

    init(floor: Floor, day: DayState, underRules: Bool = false) {
        self.floor = floor
        self.day = day
        let groups = InterchangeableTables.groups(floor: floor, day: day, window: (Int.min / 2, Int.max / 2), honouringHolds: underRules)
            .filter(\.reservable)
        classes = groups.map { TableClass(min: $0.min, max: $0.max, tables: $0.units) }
        let classed = Set(groups.flatMap(\.units))
        individual = floor.units.indices.sorted(by: { floor.idRank[$0] < floor.idRank[$1] })
            .filter { floor.units[$0].reservable && !classed.contains($0) }
    }
}
