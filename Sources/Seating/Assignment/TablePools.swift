/// Interchangeable tables of one whole-day problem, so that its searches choose a pool of identical
/// tables, not one of them: which of sixteen free-standing two-to-four tops a couple sits at changes
/// nothing the rules look at, and a search that branches on each of them wastes its budget on
/// symmetric choices (and an integer program on symmetric branches).
///
/// Invariants: a pool holds two or more single tables that `UnitRules` cannot tell apart for any
/// item of the window `[low, high)`: same `min...max`, same reservability, same membership in every
/// count hold of the weekday, in no combination, no table hold, block or fixed booking during the
/// window (`InterchangeableTables.groups` of two or more). So a set of intervals fits a pool's
/// tables iff at most `count` of them overlap at every instant (interval graphs are perfect), and
/// `assign` gives them concrete tables by colouring in start order. Every other table is a resource
/// of its own, of capacity one.
///
/// ```swift
/// let pools = TablePools(floor: floor, fixed: problem.fixed, window: (17 * 60, 24 * 60))
/// pools.representative(t12)        // the first unit of T12's pool (T12 itself when not pooled)
/// pools.capacity(pools.resources(of: t12)[0])   // 16 when T12 is one of sixteen such tables
/// ```
struct TablePools: Sendable {
    let floor: Floor
    /// Single-table units of each pool, in natural id order.
    let pools: [[Int]]
    /// Per table: its resource, a pool index (`< pools.count`) or `pools.count + table`.
    let resourceOfTable: [Int]

    init(floor: Floor, fixed: DayState, window: (low: Int, high: Int)) {
        self.floor = floor
        let pools = InterchangeableTables.groups(floor: floor, day: fixed, window: window).map(\.units).filter { $0.count > 1 }
        self.pools = pools
        var resourceOfTable = floor.tables.indices.map { pools.count + $0 }
        for (index, units) in pools.enumerated() {
            for unit in units { resourceOfTable[floor.units[unit].members[0]] = index }
        }
        self.resourceOfTable = resourceOfTable
    }

    var resourceCount: Int { pools.count + floor.tables.count }

    /// How many items a resource holds at once: a pool's tables, else one.
    func capacity(_ resource: Int) -> Int { resource < pools.count ? pools[resource].count : 1 }

    /// The resources a unit uses: its pool, or each of its tables.
    func resources(of unit: Int) -> [Int] { floor.units[unit].members.map { resourceOfTable[$0] } }

    /// The pool of a single-table unit, or nil (a combination, or a table not pooled).
    func pool(of unit: Int) -> Int? {
        let members = floor.units[unit].members
        return members.count == 1 && resourceOfTable[members[0]] < pools.count ? resourceOfTable[members[0]] : nil
    }

    /// The unit that stands for `unit`'s pool (its first), or `unit` itself when not pooled.
    func representative(_ unit: Int) -> Int { pool(of: unit).map { pools[$0][0] } ?? unit }

    /// An item's eligible units with each pool's tables replaced by its representative (once).
    func representatives(_ units: [Int]) -> [Int] {
        var seen = Set<Int>(), result: [Int] = []
        for unit in units where seen.insert(representative(unit)).inserted { result.append(representative(unit)) }
        return result
    }

    /// Concrete units for items placed on representatives (`chosen[i]`, at most `capacity` items
    /// of a pool overlapping at any instant): each pool's items get tables by colouring in start
    /// order (`InterchangeableTables.colour`: an item keeps its current table when it is free, else
    /// takes the free table whose own current occupant comes latest). Units that are not pool
    /// representatives stay as they are, and so do a pool's items if it is over capacity somewhere
    /// (verification rejects that plan).
    func assign(items: [AssignmentModel.Item], chosen: [Int]) -> [Int] {
        var result = chosen
        for (pool, units) in pools.enumerated() {
            let members = items.indices.filter { self.pool(of: chosen[$0]) == pool }
                .sorted { (items[$0].start, $0) < (items[$1].start, $1) }
            guard !members.isEmpty else { continue }
            let intervals = members.map { InterchangeableTables.Interval(start: items[$0].start, end: items[$0].end, current: items[$0].current) }
            guard let tables = InterchangeableTables.colour(intervals, onto: units, floor: floor) else { continue }
            for (index, table) in zip(members, tables) { result[index] = table }
        }
        return result
    }
}
