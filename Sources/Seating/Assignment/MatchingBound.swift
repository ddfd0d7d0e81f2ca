/// The matching bound: the cheap proof of the availability pipeline that no re-assignment seats a
/// party, asked before any search (see `instantsAllow`).
extension WholeDayProblem {
    /// A necessary condition, cheap: at every instant of the new party's interval where an item
    /// starts, the items covering it can be given, each, as many distinct tables as its smallest
    /// eligible unit has, among the tables of its eligible units, no table twice (a bipartite
    /// matching, by augmenting paths). Any real assignment gives such a matching, so when none
    /// exists no re-assignment does. It implies the counting of Hall's condition on every set of
    /// items, such as "the parties of four and more need more tables than they can reach". (Fixed
    /// bookings never share a table with an item's eligible unit, so they are out.)
    ///
    /// Inside a count hold's window the rule is stronger, and so is the bound: at an instant, either
    /// no online party that moved (the new one included) sits on the hold's tables — every online
    /// item there is at home or on units without them — or one does, and then the hold's `count`
    /// tables stay free of reservations — the matching also gives `count` tables, among the
    /// hold's tables free of fixed reservations and blocks, to nobody. When neither matching
    /// exists at an instant, no re-assignment does. This is what refuses a full prime time quickly
    /// when the floor is full but for the tables held for walk-ins.
    ///
    /// `reach`: per item, what the bound needs of it, filled in here for the items overlapping
    /// `interval` that have none yet; `matchings`: the matchings of the other items alone (all but
    /// the last, the new party) per instant and variant, filled in likewise. Both are kept between
    /// questions by `WholeDayMemo`: a matching is found by augmenting paths in any order, so the
    /// new party's tables are added to the others' matching instead of starting again. `fits`: per
    /// instant and variant, whether the new party's tables could be added (kept per new party by
    /// the memo likewise, for the other times of an ask, whose intervals cover the same instants).
    static func instantsAllow(floor: Floor, fixed: DayState, items: [AssignmentModel.Item], reach: inout [BoundReach?],
                              matchings: inout [InstantMatching.Key: InstantMatching.Base],
                              fits: inout [InstantMatching.Key: Bool], around interval: (Int, Int)) -> Bool {
        // The items are in start order (the new party, last, starts at `interval.0`).
        var instants = [interval.0]
        for item in items where item.start > interval.0 && item.start < interval.1 && item.start != instants.last {
            instants.append(item.start)
        }
        let holds = floor.countHolds(on: fixed.weekday)
        let new = items.count - 1
        let relevant = items.indices.filter { items[$0].start < interval.1 && interval.0 < items[$0].end }
        for item in relevant where reach[item] == nil { reach[item] = BoundReach(item: items[item], floor: floor, holds: holds) }
        let copies = floor.tables.count + 1
        var matching = InstantMatching(tables: floor.tables.count, vertices: items.count + 1)
        /// Whether the items covering the instant get their tables (`hold`: as the hold leaves them
        /// untriggered), with `extra` tables of `spare` to nobody (vertex `items.count`).
        func matches(_ instant: Int, _ present: [Int], variant: Int, hold: Int? = nil, spare: [Int] = [], extra: Int = 0) -> Bool {
            func tables(_ item: Int) -> (tables: [Int], demand: Int) {
                hold.map { reach[item]!.untriggered[$0] } ?? (reach[item]!.tables, reach[item]!.demand)
            }
            func newPartyFits(_ key: InstantMatching.Key) -> Bool {
                if let base = matchings[key] {
                    guard base.feasible else { return false }
                    matching.restore(base)
                } else {
                    matching.clear()
                    var feasible = true
                    for item in present where item != new {
                        let entry = tables(item)
                        matching.reach[item] = entry.tables
                        for _ in 0..<min(entry.demand, copies) where !matching.augment(item) { feasible = false; break }
                        if !feasible { break }
                    }
                    if feasible {
                        matching.reach[items.count] = spare
                        for _ in 0..<extra where !matching.augment(items.count) { feasible = false; break }
                    }
                    matchings[key] = matching.base(feasible: feasible)
                    guard feasible else { return false }
                }
                let entry = tables(new)
                matching.reachNewParty(new, entry.tables)
                for _ in 0..<min(entry.demand, copies) where !matching.augment(new) { return false }
                return true
            }
            let key = InstantMatching.Key(instant: instant, variant: variant)
            if let known = fits[key] { return known }
            let fit = newPartyFits(key)
            fits[key] = fit
            return fit
        }
        for instant in instants {
            let present = relevant.filter { items[$0].start <= instant && instant < items[$0].end }
            let binding = holds.indices.filter { holds[$0].from <= instant && instant < holds[$0].to }
            if binding.isEmpty {
                guard matches(instant, present, variant: 0) else { return false }
                continue
            }
            for index in binding {
                let hold = holds[index]
                if matches(instant, present, variant: 1 + 2 * index, hold: index) { continue }
                // A walk-in on the hold's tables takes none of its count: no bound then.
                let walkIn = present.contains { item in
                    items[item].channel == .walkIn && reach[item]!.tables.contains { hold.isMatching[$0] }
                }
                if walkIn { continue }
                let spare = hold.tables.filter { fixed.isFreeOfReservations(table: $0, from: instant, to: instant + 1) }
                guard matches(instant, present, variant: 2 + 2 * index, spare: spare, extra: hold.count) else { return false }
            }
        }
        return true
    }
}

/// What the matching bound (`WholeDayProblem.instantsAllow`) needs of one item: the tables of its
/// eligible units (sorted, each once) and how many its smallest unit has; per count hold of the
/// day, the same over the units it may take without the hold judging it (for an online party its
/// own unit and units without the hold's tables; for others every unit). No unit: no tables and
/// a demand of one, which no matching meets.
struct BoundReach {
    let tables: [Int]
    let demand: Int
    let untriggered: [(tables: [Int], demand: Int)]

    init(item: AssignmentModel.Item, floor: Floor, holds: [Floor.CountHold]) {
        (tables, demand) = Self.tables(of: item.eligible, floor: floor)
        let all = (tables, demand)
        untriggered = holds.map { hold in
            guard item.channel == .online else { return all }
            return Self.tables(of: item.eligible.filter { unit in
                unit == item.current || HoldRules.tablesTaken(hold, floor: floor, unit: unit, channel: .online) == 0
            }, floor: floor)
        }
    }

    private static func tables(of units: [Int], floor: Floor) -> (tables: [Int], demand: Int) {
        guard !units.isEmpty else { return ([], 1) }
        var tables: [Int] = [], least = Int.max
        for unit in units {
            let members = floor.units[unit].members
            least = min(least, members.count)
            for table in members where !tables.contains(table) { tables.append(table) }
        }
        return (tables.sorted(), least)
    }
}

/// Tables given to items at one instant, each table to one item (`WholeDayProblem.instantsAllow`).
/// Vertices are item indices (and one more for the tables a count hold keeps free).
struct InstantMatching {
    /// Which instant and which of the bound's matchings there (plain, or per count hold).
    struct Key: Hashable, Sendable {
        let instant: Int
        let variant: Int
    }

    /// A matching of every item but the new party: which vertex holds each table, and whether
    /// every item got its tables (when not, no new party can be added).
    struct Base: Sendable {
        let owner: [Int]
        let reach: [[Int]]
        let feasible: Bool

        /// The same matching with a vertex inserted at `position` (an item that is not at this
        /// instant): vertices from there on move up by one.
        func inserting(vertex position: Int) -> Base {
            var reach = reach
            reach.insert([], at: position)
            return Base(owner: owner.map { $0 >= position ? $0 + 1 : $0 }, reach: reach, feasible: feasible)
        }
    }

    /// Per vertex: the tables it may take.
    var reach: [[Int]]
    /// The new party's vertex and tables, kept out of `reach`: writing them there after `restore`
    /// would copy `reach` (an array per item) for every question.
    private var newParty = -1
    private var newPartyTables: [Int] = []
    private var owner: [Int]
    private var seen: [Int]
    private var round = 0

    init(tables: Int, vertices: Int) {
        owner = Array(repeating: -1, count: tables)
        seen = Array(repeating: -1, count: tables)
        reach = Array(repeating: [], count: vertices)
    }

    /// Nothing matched, no vertex reaching any table.
    mutating func clear() {
        newParty = -1
        for table in owner.indices { owner[table] = -1 }
        for vertex in reach.indices where !reach[vertex].isEmpty { reach[vertex] = [] }
    }

    /// The matching of every vertex but the new party (before `reachNewParty`).
    func base(feasible: Bool) -> Base { Base(owner: owner, reach: reach, feasible: feasible) }

    mutating func restore(_ base: Base) {
        newParty = -1
        owner = base.owner
        reach = base.reach
    }

    /// The tables vertex `vertex`, the new party, may take (until `restore` or `clear`).
    mutating func reachNewParty(_ vertex: Int, _ tables: [Int]) {
        newParty = vertex
        newPartyTables = tables
    }

    /// One more table for vertex `item`, moving others to other tables of theirs when needed.
    mutating func augment(_ item: Int) -> Bool {
        round += 1
        return search(item)
    }

    private mutating func search(_ item: Int) -> Bool {
        for table in item == newParty ? newPartyTables : reach[item] where seen[table] != round && owner[table] != item {
            seen[table] = round
            if owner[table] == -1 || search(owner[table]) {
                owner[table] = item
                return true
            }
        }
        return false
    }
}
