/// Ejection chains for the whole-day re-assignment, on pools of identical tables (`TablePools`):
/// put the new party on a unit or pool, take the bookings in its way off, and put each back
/// somewhere else, ejecting others in turn, to a bounded depth. Iterative deepening tries every
/// chain of depth 0 (the ejected go straight to room left elsewhere) before any of depth 1, so
/// short chains come first. Choosing a pool, not a table, is what makes it strong: a pool takes an
/// item while fewer than its size overlap at every instant, however fragmented its tables' gaps
/// are; the tables are given at the end by colouring (`TablePools.assign`).
///
/// Invariants: every item but those ejected and not yet placed is on one of its options (a unit,
/// or a pool's representative), and no resource holds more items at an instant than its capacity;
/// an item placed in the current chain is not ejected again (no cycles); an online item that moved
/// and takes tables a count hold matches is never left where that hold has fewer than its count
/// free (the rule `UnitRules` applies); a finished chain is given tables and verified from scratch
/// (`Verification`) before it is returned. Deterministic: options in greedy rank order (the order
/// of `eligible`), ejected items largest first. `budget` bounds the ways of making room tried.
///
/// ```swift
/// var search = ChainSearch(problem: problem, budget: 300)
/// search.run()?.moves    // e.g. three bookings moved along a chain, or nil: the search gave up
/// ```
struct ChainSearch {
    let problem: WholeDayProblem
    let pools: TablePools
    private(set) var budget: Int
    private let items: [AssignmentModel.Item]
    /// Per item: its options (units, pools as their representative), in greedy rank order.
    private let options: [[Int]]
    /// Per item: the option it is on today (nil for the new party).
    private let home: [Int?]
    /// Per item: the option it is on now (nil: off the floor).
    private var on: [Int?]
    /// Per resource: the items on it.
    private var holders: [[Int]]
    private var inChain: [Bool]
    /// Undo log: an item's option and chain mark before each change.
    private var journal: [(item: Int, before: Int?, wasInChain: Bool)] = []
    private let holds: [Floor.CountHold]
    /// Per hold: the resources whose tables it matches.
    private let holdResources: [[Int]]
    /// Instants where a resource's load or a count hold's free tables can change: every item's
    /// start, each hold's start, fixed reservations' and blocks' starts on held tables.
    private let checkpoints: [Int]
    /// Per item: the checkpoints its interval covers.
    private let covered: [Range<Int>]
    /// Per resource and checkpoint: the items on it there.
    private var load: [[Int]]
    /// Per hold and checkpoint: matching tables items take, and online items off their own tables
    /// among them (the hold rule judges those).
    private var taken: [[Int]]
    private var triggered: [[Int]]
    /// Per hold and checkpoint: matching tables items may take (the hold's tables less its count
    /// less those fixed bookings and blocks take); `Int.max` outside its window.
    private let limit: [[Int]]
    /// Per unit: the resources it uses; per item and hold: the matching tables each unit takes
    /// for the item's channel (`HoldRules.tablesTaken`).
    private let unitResources: [[Int]]
    private let itemTaking: [[[Int]]]
    /// The most items one placement may eject.
    static let maxEjected = 3
    static let maxDepth = 4
    /// The most ways to make room tried for one placement (`ejectionSets`).
    static let maxAlternatives = 6

    init?(problem: WholeDayProblem, budget: Int) {
        self.problem = problem
        let pools = problem.pools
        self.pools = pools
        self.budget = budget
        items = problem.items
        let floor = problem.floor
        options = items.map { pools.representatives($0.eligible) }
        var home: [Int?] = []
        for item in items {
            if item.booking != nil {
                guard let current = item.current else { return nil }  // tables no unit has: left to the integer program
                home.append(pools.representative(current))
            } else {
                home.append(nil)
            }
        }
        self.home = home
        inChain = Array(repeating: false, count: items.count)
        let holds = floor.countHolds(on: problem.fixed.weekday)
        self.holds = holds
        unitResources = floor.units.indices.map { pools.resources(of: $0) }
        let taking = [Booking.Channel.online, .walkIn].map { channel in
            floor.units.indices.map { unit in holds.map { HoldRules.tablesTaken($0, floor: floor, unit: unit, channel: channel) } }
        }
        itemTaking = items.map { taking[$0.channel == .walkIn ? 1 : 0] }
        var instants = Set(items.map(\.start))
        for hold in holds { instants.formUnion(HoldRules.dropInstants(hold, day: problem.fixed, from: hold.from, to: hold.to)) }
        let checkpoints = instants.sorted()
        self.checkpoints = checkpoints
        func index(_ time: Int) -> Int {
            var low = 0, high = checkpoints.count
            while low < high {
                let mid = (low + high) / 2
                if checkpoints[mid] < time { low = mid + 1 } else { high = mid }
            }
            return low
        }
        covered = items.map { index($0.start)..<index($0.end) }
        limit = holds.map { hold in
            checkpoints.map { instant in
                guard hold.from <= instant, instant < hold.to else { return Int.max }
                return hold.tables.count - hold.count - HoldRules.taken(hold, day: problem.fixed, at: instant)
            }
        }
        load = Array(repeating: Array(repeating: 0, count: checkpoints.count), count: pools.resourceCount)
        taken = Array(repeating: Array(repeating: 0, count: checkpoints.count), count: holds.count)
        triggered = taken
        holders = Array(repeating: [], count: pools.resourceCount)
        on = Array(repeating: nil, count: items.count)
        holdResources = holds.map { hold in Set(hold.tables.map { pools.resourceOfTable[$0] }).sorted() }
        for (index, option) in home.enumerated() { apply(index, option) }
    }

    mutating func run() -> Reshuffle.Plan? {
        let new = items.count - 1
        for depth in 0...Self.maxDepth {
            for option in byEjections(new) {
                for ejected in ejectionSets(for: new, on: option) {
                    guard budget > 0 else { return nil }
                    budget -= 1
                    let mark = journal.count
                    for victim in ejected { eject(victim) }
                    put(new, on: option, inChain: true)
                    if placeAll(ejected, depth: depth), let plan = verifiedPlan() { return plan }
                    rollback(to: mark)
                }
            }
        }
        return nil
    }

    /// Places every ejected item, largest first; on failure the floor is as before the call.
    private mutating func placeAll(_ ejected: [Int], depth: Int) -> Bool {
        let mark = journal.count
        for item in ejected.sorted(by: { (items[$0].party, $1) > (items[$1].party, $0) }) where !place(item, depth: depth) {
            rollback(to: mark)
            return false
        }
        return true
    }

    /// Places one ejected item: on the first option with room, else (depth left) on an option after
    /// ejecting what is in its way. On failure the floor is as before the call.
    private mutating func place(_ item: Int, depth: Int) -> Bool {
        for option in options[item] where fits(item, on: option) {
            put(item, on: option, inChain: false)
            return true
        }
        guard depth > 0 else { return false }
        for option in byEjections(item) {
            for ejected in ejectionSets(for: item, on: option) where !ejected.isEmpty {
                guard budget > 0 else { return false }
                budget -= 1
                let mark = journal.count
                for victim in ejected { eject(victim) }
                put(item, on: option, inChain: true)
                if placeAll(ejected, depth: depth - 1) { return true }
                rollback(to: mark)
            }
        }
        return false
    }

    // MARK: Room

    /// `item`'s options, fewest items in the way first (then greedy rank): chains through crowded
    /// units come last. Options blocked by an item placed in this chain are left out.
    private func byEjections(_ item: Int) -> [Int] {
        let (start, end) = (items[item].start, items[item].end)
        var keyed: [(ejections: Int, rank: Int, option: Int)] = []
        for (rank, option) in options[item].enumerated() {
            var ejections = 0, blocked = false
            for resource in unitResources[option] {
                var overlapping = 0
                for other in holders[resource] where items[other].start < end && start < items[other].end {
                    overlapping += 1
                    if inChain[other] && pools.capacity(resource) == 1 { blocked = true }
                }
                ejections += max(0, overlapping - pools.capacity(resource) + 1)
            }
            if !blocked { keyed.append((ejections, rank, option)) }
        }
        return keyed.sorted { ($0.ejections, $0.rank) < ($1.ejections, $1.rank) }.map(\.option)
    }

    private func fits(_ item: Int, on option: Int) -> Bool {
        for resource in unitResources[option] where overloaded(resource, adding: item) != nil { return false }
        return holdViolation(item, on: option) == nil
    }

    /// The ways to make room for `item` on `option`: sets of items to take off (capacity, then
    /// count holds), at most `maxEjected` each and `maxAlternatives` in all, most promising first.
    /// In a pool several holders can give way, and which one matters (the one with somewhere else
    /// to go), so each conflict branches over the holders that cover it: those that fit elsewhere
    /// as the floor stands first, then the one sharing most minutes, smaller parties first. Items
    /// placed in this chain are never taken off. The floor is as before the call.
    private mutating func ejectionSets(for item: Int, on option: Int) -> [[Int]] {
        var sets: [[Int]] = [], current: [Int] = []
        collectEjections(for: item, on: option, current: &current, into: &sets)
        return sets
    }

    private mutating func collectEjections(for item: Int, on option: Int, current: inout [Int], into sets: inout [[Int]]) {
        guard sets.count < Self.maxAlternatives else { return }
        var candidates: [Int]?
        for resource in unitResources[option] {
            guard let instant = overloaded(resource, adding: item) else { continue }
            candidates = holders[resource].filter { covers($0, instant) && !inChain[$0] }
            break
        }
        if candidates == nil, let (hold, instant) = holdViolation(item, on: option) {
            candidates = Array(Set(holdResources[hold].flatMap { holders[$0] })).filter { covers($0, instant) && !inChain[$0] }
        }
        guard let candidates else {
            let set = current.sorted()
            if !sets.contains(set) { sets.append(set) }
            return
        }
        guard current.count < Self.maxEjected else { return }
        let ranked = candidates.count == 1 ? candidates : candidates.map { victim in
            (victim, fitsElsewhere(victim) ? 0 : 1, overlap(victim, item))
        }.sorted { ($0.1, -$0.2, items[$0.0].party, $0.0) < ($1.1, -$1.2, items[$1.0].party, $1.0) }.map(\.0)
        for victim in ranked {
            let mark = journal.count
            eject(victim)
            current.append(victim)
            collectEjections(for: item, on: option, current: &current, into: &sets)
            current.removeLast()
            rollback(to: mark)
            guard sets.count < Self.maxAlternatives else { return }
        }
    }

    /// Whether `item` could move to another of its options with room as the floor stands.
    private func fitsElsewhere(_ item: Int) -> Bool {
        options[item].contains { $0 != on[item] && fits(item, on: $0) }
    }

    private func covers(_ item: Int, _ instant: Int) -> Bool { items[item].start <= instant && instant < items[item].end }

    /// An instant of `item`'s interval where `resource`, with `item` added, holds more than its capacity.
    private func overloaded(_ resource: Int, adding item: Int) -> Int? {
        let capacity = pools.capacity(resource)
        for checkpoint in covered[item] where load[resource][checkpoint] >= capacity { return checkpoints[checkpoint] }
        return nil
    }

    /// Minutes two items share (the victim sharing most frees the most).
    private func overlap(_ victim: Int, _ item: Int) -> Int {
        min(items[item].end, items[victim].end) - max(items[item].start, items[victim].start)
    }

    /// A count hold and instant where putting `item` on `option` breaks the rule `UnitRules`
    /// applies: an online item that moved, on tables the hold matches, covers an instant where
    /// fewer than `count` matching tables are free of reservations.
    private func holdViolation(_ item: Int, on option: Int) -> (Int, Int)? {
        for hold in holds.indices {
            let taking = itemTaking[item][option][hold]
            guard taking > 0 else { continue }
            let trigger = isTrigger(item, on: option)
            for checkpoint in covered[item] where limit[hold][checkpoint] != Int.max {
                if (trigger || triggered[hold][checkpoint] > 0) && taken[hold][checkpoint] + taking > limit[hold][checkpoint] {
                    return (hold, checkpoints[checkpoint])
                }
            }
        }
        return nil
    }

    /// Whether the hold rule judges `item` on `option`: an online item off its own tables.
    private func isTrigger(_ item: Int, on option: Int) -> Bool {
        items[item].channel == .online && option != home[item]
    }

    // MARK: Changes

    /// `inChain`: placed after ejecting others, so not to be ejected again in this chain.
    private mutating func put(_ item: Int, on option: Int, inChain chained: Bool) { set(item, option, inChain: chained) }

    private mutating func eject(_ item: Int) { set(item, nil, inChain: false) }

    private mutating func set(_ item: Int, _ option: Int?, inChain chained: Bool) {
        journal.append((item, on[item], inChain[item]))
        apply(item, option)
        inChain[item] = chained
    }

    private mutating func apply(_ item: Int, _ option: Int?) {
        if let old = on[item] {
            for resource in unitResources[old] {
                holders[resource].removeAll { $0 == item }
                for checkpoint in covered[item] { load[resource][checkpoint] -= 1 }
            }
            count(item, on: old, sign: -1)
        }
        if let option {
            for resource in unitResources[option] {
                holders[resource].append(item)
                for checkpoint in covered[item] { load[resource][checkpoint] += 1 }
            }
            count(item, on: option, sign: 1)
        }
        on[item] = option
    }

    private mutating func count(_ item: Int, on option: Int, sign: Int) {
        for hold in holds.indices {
            let taking = itemTaking[item][option][hold]
            guard taking > 0 else { continue }
            let trigger = isTrigger(item, on: option)
            for checkpoint in covered[item] {
                taken[hold][checkpoint] += sign * taking
                if trigger { triggered[hold][checkpoint] += sign }
            }
        }
    }

    private mutating func rollback(to mark: Int) {
        while journal.count > mark {
            let entry = journal.removeLast()
            apply(entry.item, entry.before)
            inChain[entry.item] = entry.wasInChain
        }
    }

    /// The chain as tables and moves, if `Verification` accepts it.
    private func verifiedPlan() -> Reshuffle.Plan? {
        guard on.allSatisfy({ $0 != nil }) else { return nil }
        return Reshuffle.verifiedPlan(problem: problem, chosen: on.map { $0! })
    }
}
