/// Interchangeable tables grouped into capacity classes for the offline optimum.
///
/// Invariants: a class holds single, reservable tables that belong to no combination and have no
/// block on the day, all with the same `min...max`; under the floor's rules (`underRules`) also no
/// table hold on the day's weekday, and the same membership of every count hold, so any table of a
/// class counts alike for every rule. Every other reservable unit (tables in combinations, blocked
/// or held tables, combinations) stays individual. A plan that uses a class at most `k` times at
/// every instant can be given concrete tables by interval colouring in start order.
struct TableClasses {
    struct TableClass {
        var min: Int
        var max: Int
        var tables: [Int]   // unit indices of single tables, in natural order
    }

    let floor: Floor
    let day: DayState
    private(set) var classes: [TableClass] = []
    /// Reservable units modelled one by one.
    private(set) var individual: [Int] = []

    init(floor: Floor, day: DayState, underRules: Bool = false) {
        self.floor = floor
        self.day = day
        let inCombination = Set(floor.units.filter(\.isCombination).flatMap(\.members))
        let countHolds = underRules ? floor.countHolds(on: day.weekday) : []
        var byShape: [[Int]: Int] = [:]
        for unit in floor.units.indices.sorted(by: { floor.idRank[$0] < floor.idRank[$1] }) where floor.units[unit].reservable {
            let seating = floor.units[unit]
            let table = seating.members[0]
            let held = underRules && floor.isTableHeld(table, on: day.weekday, from: Int.min / 2, to: Int.max / 2)
            if !seating.isCombination, !inCombination.contains(table), day.blocks[table].isEmpty, !held {
                let key = [seating.min, seating.max] + countHolds.map { $0.isMatching[table] ? 1 : 0 }
                if let index = byShape[key] {
                    classes[index].tables.append(unit)
                } else {
                    byShape[key] = classes.count
                    classes.append(TableClass(min: seating.min, max: seating.max, tables: [unit]))
                }
            } else {
                individual.append(unit)
            }
        }
    }
}
