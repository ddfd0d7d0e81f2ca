/// Where a search of a whole-day problem (`WholeDayProblem`) has put its items, and what that
/// leaves: the state `ChainSearch` and `ExactSearch` both change, so that they judge room the same
/// way. An item is on one of its options (a unit, or a pool's representative: `TablePools`) or off
/// the floor.
///
/// Invariants: `on[i]` is nil or one of `options[i]`; `holders[r]` lists the items on resource `r`
/// (in no particular order)
/// and `load` how many of them cover each checkpoint; per count hold and checkpoint, `taken`
/// counts the matching tables items take and `triggered` the online items off their own tables
/// among them. Checkpoints are every instant where a resource's load or a hold's free tables can
/// change (items' starts, holds' starts, fixed reservations' and blocks' starts on held tables), so
/// judging room there is exact. Room follows the rules `UnitRules` applies: a resource holds at
/// most its capacity at once, and an online item that moved, on tables a count hold matches, never
/// covers an instant where fewer than the hold's `count` matching tables are free of reservations.
///
/// ```swift
/// var board = PlacementBoard(problem: problem)     // nil: an item's tables are no unit's
/// board?.placeHome()                               // every booking on its own tables
/// board?.fits(new, on: option)                     // room for the new party there as things stand?
/// ```
struct PlacementBoard {
    /// What no search changes: the problem and the tables read from it. One reference, so that a
    /// board is a few words: the searches call the board's methods in their innermost loops, and
    /// a board holding all of this inline (1.7 kB with the problem) was copied for every call.
    final class Frame: Sendable {
        let problem: WholeDayProblem
        let pools: TablePools
        let items: [AssignmentModel.Item]
        /// Per item: its interval and party, copied out of `items` for the searches' inner loops.
        let starts: [Int]
        let ends: [Int]
        let parties: [Int]
        /// Per item: whether the hold rule judges it when it moves (an online party).
        let online: [Bool]
        /// Per item: its options (units, pools as their representative), in greedy rank order.
        let options: [[Int]]
        /// Per item: the option it is on today (nil for the new party).
        let home: [Int?]
        let holds: [Floor.CountHold]
        /// Per hold: the resources whose tables it matches.
        let holdResources: [[Int]]
        let checkpoints: [Int]
        /// Per item: the checkpoints its interval covers.
        let covered: [Range<Int>]
        /// Per hold and checkpoint (flat, `hold * checkpoints.count + checkpoint`): the matching
        /// tables items may take (the hold's tables less its count less those fixed bookings and
        /// blocks take; `Int.max` outside its window).
        let limit: [Int]
        /// Per unit: the resources it uses, as positions in `resourceList` (flat, so that the inner
        /// loops read them without retaining an array each); per resource, how many items it holds
        /// at once (`TablePools.capacity`).
        let unitResources: [Range<Int>]
        let resourceList: [Int]
        let capacities: [Int]
        /// Per channel kind (0 online or host, 1 walk-in), unit and hold (flat): the matching tables
        /// the unit takes for that channel (`HoldRules.tablesTaken`); per item, its channel kind.
        let taking: [Int]
        let channelKind: [Int]

        /// Nil when a booking's tables are no unit of the floor (left to the integer program).
        init?(problem: WholeDayProblem) {
            self.problem = problem
            let pools = problem.pools
            self.pools = pools
            items = problem.items
            starts = items.map(\.start)
            ends = items.map(\.end)
            parties = items.map(\.party)
            online = items.map { $0.channel == .online }
            let floor = problem.floor
            options = problem.knownOptions + [pools.representatives(items[items.count - 1].eligible)]
            var home: [Int?] = []
            for item in items {
                if item.booking != nil {
                    guard let current = item.current else { return nil }
                    home.append(pools.representative(current))
                } else {
                    home.append(nil)
                }
            }
            self.home = home
            let holds = floor.countHolds(on: problem.fixed.weekday)
            self.holds = holds
            var unitResources: [Range<Int>] = [], resourceList: [Int] = []
            for unit in floor.units.indices {
                let resources = pools.resources(of: unit)
                unitResources.append(resourceList.count..<(resourceList.count + resources.count))
                resourceList += resources
            }
            self.unitResources = unitResources
            self.resourceList = resourceList
            capacities = (0..<pools.resourceCount).map { pools.capacity($0) }
            taking = [Booking.Channel.online, .walkIn].flatMap { channel in
                floor.units.indices.flatMap { unit in holds.map { HoldRules.tablesTaken($0, floor: floor, unit: unit, channel: channel) } }
            }
            channelKind = items.map { $0.channel == .walkIn ? 1 : 0 }
            var instants = Set(items.map(\.start))
            for hold in holds { instants.formUnion(HoldRules.dropInstants(hold, day: problem.fixed, from: hold.from, to: hold.to)) }
            let checkpoints = instants.sorted()
            self.checkpoints = checkpoints
            func index(_ time: Int) -> Int { checkpoints.lowerBound(of: time) }
            covered = items.map { index($0.start)..<index($0.end) }
            limit = holds.flatMap { hold in
                checkpoints.map { instant in
                    guard hold.from <= instant, instant < hold.to else { return Int.max }
                    return hold.tables.count - hold.count - HoldRules.taken(hold, day: problem.fixed, at: instant)
                }
            }
            holdResources = holds.map { hold in Set(hold.tables.map { pools.resourceOfTable[$0] }).sorted() }
        }
    }

    let frame: Frame
    /// Per item: the option it is on now (nil: off the floor).
    private(set) var on: [Int?]
    /// Per resource: the items on it.
    private(set) var holders: [[Int]]
    /// Per resource and checkpoint (flat, `resource * checkpoints.count + checkpoint`): the items
    /// on it there. Per hold and checkpoint (flat likewise): matching tables items take, and online
    /// items off their own tables among them (`Frame.limit` is what they may take).
    private var load: [Int]
    private var taken: [Int]
    private var triggered: [Int]

    var problem: WholeDayProblem { frame.problem }
    var pools: TablePools { frame.pools }
    var items: [AssignmentModel.Item] { frame.items }
    var starts: [Int] { frame.starts }
    var ends: [Int] { frame.ends }
    var parties: [Int] { frame.parties }
    var options: [[Int]] { frame.options }
    var home: [Int?] { frame.home }
    var holds: [Floor.CountHold] { frame.holds }
    var holdResources: [[Int]] { frame.holdResources }
    var checkpoints: [Int] { frame.checkpoints }
    var covered: [Range<Int>] { frame.covered }
    var unitResources: [Range<Int>] { frame.unitResources }
    var resourceList: [Int] { frame.resourceList }
    private var online: [Bool] { frame.online }
    private var limit: [Int] { frame.limit }
    private var capacities: [Int] { frame.capacities }
    private var taking: [Int] { frame.taking }
    private var channelKind: [Int] { frame.channelKind }

    /// Every item off the floor. Nil when a booking's tables are no unit of the floor (left to the
    /// integer program).
    init?(problem: WholeDayProblem) {
        guard let frame = Frame(problem: problem) else { return nil }
        self.frame = frame
        let checkpoints = frame.checkpoints.count, resources = frame.pools.resourceCount
        load = Array(repeating: 0, count: checkpoints * resources)
        taken = Array(repeating: 0, count: checkpoints * frame.holds.count)
        triggered = taken
        holders = Array(repeating: [], count: resources)
        on = Array(repeating: nil, count: frame.items.count)
    }

    /// Puts every booked item on its option of today (the new party stays off).
    mutating func placeHome() {
        for (index, option) in home.enumerated() { apply(index, option) }
    }

    /// The new party: the last item.
    var new: Int { items.count - 1 }

    func capacity(_ resource: Int) -> Int { capacities[resource] }

    /// The resources `option` (a unit) uses.
    func resources(of option: Int) -> ArraySlice<Int> { resourceList[unitResources[option]] }

    /// Whether `item` fits on `option` as things stand (itself off the floor).
    func fits(_ item: Int, on option: Int) -> Bool {
        for position in unitResources[option] where overloaded(resourceList[position], adding: item) != nil { return false }
        return holdViolation(item, on: option) == nil
    }

    func covers(_ item: Int, _ instant: Int) -> Bool { starts[item] <= instant && instant < ends[item] }

    /// An instant of `item`'s interval where `resource`, with `item` added, holds more than its capacity.
    func overloaded(_ resource: Int, adding item: Int) -> Int? {
        let capacity = capacities[resource]
        let base = resource * checkpoints.count
        for checkpoint in covered[item] where load[base + checkpoint] >= capacity { return checkpoints[checkpoint] }
        return nil
    }

    /// Whether `resource` is full at `item`'s start (all it can hold already cover that instant).
    func isFullAtStart(_ resource: Int, of item: Int) -> Bool {
        let checkpoint = covered[item].lowerBound
        return checkpoint < checkpoints.count && load[resource * checkpoints.count + checkpoint] >= capacities[resource]
    }

    /// A count hold and instant where putting `item` on `option` breaks the hold rule (see the
    /// type's documentation), or nil.
    func holdViolation(_ item: Int, on option: Int) -> (hold: Int, instant: Int)? {
        for hold in 0..<holds.count {
            let taking = tablesTaken(item, on: option, hold: hold)
            guard taking > 0 else { continue }
            let trigger = isTrigger(item, on: option)
            let base = hold * checkpoints.count
            for checkpoint in covered[item] where limit[base + checkpoint] != Int.max {
                if (trigger || triggered[base + checkpoint] > 0) && taken[base + checkpoint] + taking > limit[base + checkpoint] {
                    return (hold, checkpoints[checkpoint])
                }
            }
        }
        return nil
    }

    /// Whether `item` takes tables that `hold` matches when on `option`.
    func takesHeld(_ item: Int, on option: Int, hold: Int) -> Bool { tablesTaken(item, on: option, hold: hold) > 0 }

    /// The tables `hold` matches that `item` takes on `option`.
    private func tablesTaken(_ item: Int, on option: Int, hold: Int) -> Int {
        taking[(channelKind[item] * unitResources.count + option) * holds.count + hold]
    }

    /// Whether the hold rule judges `item` on `option`: an online item off its own tables.
    func isTrigger(_ item: Int, on option: Int) -> Bool {
        online[item] && option != home[item]
    }

    /// Puts `item` on `option` (nil: off the floor), keeping every count in step.
    mutating func apply(_ item: Int, _ option: Int?) {
        if let old = on[item] {
            for position in unitResources[old] {
                let resource = resourceList[position]
                // Order within `holders` carries no meaning (every reader breaks ties by item), so the
                // last holder takes the leaving one's place instead of the rest shifting down.
                if let index = holders[resource].lastIndex(of: item) {
                    holders[resource].swapAt(index, holders[resource].count - 1)
                    holders[resource].removeLast()
                }
                let base = resource * checkpoints.count
                for checkpoint in covered[item] { load[base + checkpoint] -= 1 }
            }
            count(item, on: old, sign: -1)
        }
        if let option {
            for position in unitResources[option] {
                let resource = resourceList[position]
                holders[resource].append(item)
                let base = resource * checkpoints.count
                for checkpoint in covered[item] { load[base + checkpoint] += 1 }
            }
            count(item, on: option, sign: 1)
        }
        on[item] = option
    }

    private mutating func count(_ item: Int, on option: Int, sign: Int) {
        for hold in 0..<holds.count {
            let taking = tablesTaken(item, on: option, hold: hold)
            guard taking > 0 else { continue }
            let trigger = isTrigger(item, on: option)
            let base = hold * checkpoints.count
            for checkpoint in covered[item] {
                taken[base + checkpoint] += sign * taking
                if trigger { triggered[base + checkpoint] += sign }
            }
        }
    }

    /// How many other items on the floor hold `option`'s resources during `item`'s interval (an
    /// item on several of them counts once per resource).
    func clashes(_ item: Int, on option: Int) -> Int {
        var count = 0
        for position in unitResources[option] {
            for other in holders[resourceList[position]] where other != item && shared(item, other) > 0 { count += 1 }
        }
        return count
    }

    /// Minutes two items' intervals share (the one sharing most frees the most when it leaves).
    func shared(_ a: Int, _ b: Int) -> Int { min(ends[a], ends[b]) - max(starts[a], starts[b]) }

    /// The items covering `instant` that take tables `hold` matches: those a breach of the hold
    /// there can be blamed on.
    func takingHeld(_ hold: Int, at instant: Int) -> [Int] {
        var result: [Int] = []
        for resource in holdResources[hold] {
            for other in holders[resource] where covers(other, instant) && takesHeld(other, on: on[other]!, hold: hold)
                && !result.contains(other) {
                result.append(other)
            }
        }
        return result
    }

    /// Fewer moves: each moved item goes back to its own tables when they have room there now
    /// (the searches' last step once every item is on the floor).
    mutating func bringMovedHome() {
        for item in items.indices {
            guard let home = home[item], let now = on[item], now != home else { continue }
            apply(item, nil)
            apply(item, fits(item, on: home) ? home : now)
        }
    }

    /// A lower bound on how many items must leave for `item` (off the floor) to go on `option`:
    /// per resource, the most items beyond its room at one checkpoint of `item`'s interval; at
    /// least one when a count hold would be breached (`RotationSearch` passes over options that
    /// need more than one).
    func ejectionsNeeded(_ item: Int, on option: Int) -> Int {
        var needed = 0
        let count = checkpoints.count
        for position in unitResources[option] {
            let resource = resourceList[position]
            let capacity = capacities[resource], base = resource * count
            var most = 0
            for checkpoint in covered[item] { most = max(most, load[base + checkpoint] - capacity + 1) }
            needed += most
        }
        if needed == 0, holdViolation(item, on: option) != nil { needed = 1 }
        return needed
    }

    /// The placement as tables and moves, if every item is on the floor and `Verification`
    /// accepts it.
    func verifiedPlan() -> Reshuffle.Plan? {
        guard on.allSatisfy({ $0 != nil }) else { return nil }
        return Reshuffle.verifiedPlan(problem: problem, chosen: on.map { $0! })
    }
}
