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
/// Its inner loops make no arrays: the options of each placement being tried (`byEjections`) and
/// its ways of making room (`ejectionSets`) live on two stacks shared by the whole search, each
/// call's part on top of its caller's, taken off when the call returns.
///
/// ```swift
/// var search = ChainSearch(board: board, budget: 300)  // board: PlacementBoard(problem: problem)
/// search.run()?.moves    // e.g. three bookings moved along a chain, or nil: the search gave up
/// ```
struct ChainSearch {
    private(set) var budget: Int
    /// Where the items are, and the room that leaves.
    private var board: PlacementBoard
    private let options: [[Int]]
    private var inChain: [Bool]
    /// Undo log: an item's option and chain mark before each change.
    private var journal: [(item: Int, before: Int?, wasInChain: Bool)] = []
    /// The verified plan, once a chain seats the new party.
    private var plan: Reshuffle.Plan?
    /// The options of the placements being tried, innermost last (see `byEjections`).
    private var optionStack: [Int] = []
    /// The ways of making room of the placements being tried, innermost last: each set as its
    /// size then its items in ascending order (see `ejectionSets`).
    private var setStack: [Int] = []
    /// `collectEjections`' scratch: the set being built, and the candidates of each of its levels.
    private var current: [Int] = []
    private var candidateStack: [Int] = []
    /// The most items one placement may eject (at most 3: `EjectedSet` holds three).
    static let maxEjected = 3
    static let maxDepth = 4
    /// The most ways to make room tried for one placement (`ejectionSets`).
    static let maxAlternatives = 6

    /// `board`: the problem's items, all off the floor; the search starts from today's tables.
    init(board: PlacementBoard, budget: Int) {
        precondition(Self.maxEjected <= 3, "an EjectedSet holds at most three items")
        self.budget = budget
        self.board = board
        self.board.placeHome()
        options = board.options
        inChain = Array(repeating: false, count: board.items.count)
    }

    mutating func run() -> Reshuffle.Plan? {
        for depth in 0...Self.maxDepth {
            if makeRoom(for: board.new, ejectedDepth: depth) { return plan }
            guard budget > 0 else { return nil }
        }
        return nil
    }

    /// Up to `maxEjected` items taken off together, without an array (unused places are -1).
    private struct EjectedSet: Equatable {
        let count: Int
        private var first = -1, second = -1, third = -1

        /// The set written on `stack` at `position`: its size, then its items.
        init(_ stack: [Int], at position: Int) {
            count = stack[position]
            if count > 0 { first = stack[position + 1] }
            if count > 1 { second = stack[position + 2] }
            if count > 2 { third = stack[position + 3] }
        }

        init(_ items: [Int]) {
            count = items.count
            if count > 0 { first = items[0] }
            if count > 1 { second = items[1] }
            if count > 2 { third = items[2] }
        }

        subscript(position: Int) -> Int { position == 0 ? first : position == 1 ? second : third }

        /// The same items in `order` (three compare-and-swaps).
        func sorted(by order: (Int, Int) -> Bool) -> EjectedSet {
            var sorted = self
            if count > 1, order(sorted.second, sorted.first) { swap(&sorted.first, &sorted.second) }
            if count > 2 {
                if order(sorted.third, sorted.second) { swap(&sorted.second, &sorted.third) }
                if order(sorted.second, sorted.first) { swap(&sorted.first, &sorted.second) }
            }
            return sorted
        }

        func forEach(_ body: (Int) -> Void) {
            for position in 0..<count { body(self[position]) }
        }

        /// Writes the set on `stack` as `init(_:at:)` reads it.
        func push(onto stack: inout [Int]) {
            stack.append(count)
            forEach { stack.append($0) }
        }
    }

    /// Places every ejected item, largest first (the earlier item first among equals); on failure
    /// the floor is as before the call.
    private mutating func placeAll(_ ejected: EjectedSet, depth: Int) -> Bool {
        let parties = board.parties
        let order = ejected.sorted { (parties[$0], $1) > (parties[$1], $0) }
        let mark = journal.count
        for position in 0..<order.count where !place(order[position], depth: depth) {
            rollback(to: mark)
            return false
        }
        return true
    }

    /// Drops `stack`'s elements from `count` on (one at a time: cheaper than a range's removal for
    /// the few elements a call pushes).
    private static func truncate(_ stack: inout [Int], to count: Int) {
        while stack.count > count { stack.removeLast() }
    }

    /// Places one ejected item: on the first option with room, else (depth left) on an option after
    /// ejecting what is in its way. On failure the floor is as before the call.
    private mutating func place(_ item: Int, depth: Int) -> Bool {
        for option in options[item] where board.fits(item, on: option) {
            put(item, on: option, inChain: false)
            return true
        }
        guard depth > 0 else { return false }
        return makeRoom(for: item, ejectedDepth: depth - 1)
    }

    /// Puts `item` (off the floor) on one of its options after taking off one of the ways of making
    /// room there, the ejected placed with `ejectedDepth` levels of ejection left. For the new party
    /// only a chain that verifies as a plan counts (kept in `plan`). On failure the floor is as
    /// before the call.
    private mutating func makeRoom(for item: Int, ejectedDepth: Int) -> Bool {
        let (optionsFrom, optionsTo) = byEjections(item)
        defer { Self.truncate(&optionStack, to: optionsFrom) }
        for index in optionsFrom..<optionsTo {
            let option = optionStack[index]
            let (setsFrom, setsTo) = ejectionSets(for: item, on: option)
            defer { Self.truncate(&setStack, to: setsFrom) }
            var position = setsFrom
            while position < setsTo {
                guard budget > 0 else { return false }
                budget -= 1
                let ejected = EjectedSet(setStack, at: position)
                position += ejected.count + 1
                let mark = journal.count
                ejected.forEach { eject($0) }
                put(item, on: option, inChain: true)
                if placeAll(ejected, depth: ejectedDepth), item != board.new || keepVerifiedPlan() { return true }
                rollback(to: mark)
            }
        }
        return false
    }

    /// Whether the chain, every item now on the floor, verifies as a plan (then kept in `plan`).
    private mutating func keepVerifiedPlan() -> Bool {
        plan = board.verifiedPlan()
        return plan != nil
    }

    // MARK: Room

    /// `item`'s options, fewest items in the way first (then greedy rank), pushed on `optionStack`
    /// (their positions returned): chains through crowded units come last. Options blocked by an
    /// item placed in this chain are left out.
    private mutating func byEjections(_ item: Int) -> (from: Int, to: Int) {
        let (start, end) = (board.starts[item], board.ends[item])
        let from = optionStack.count
        for (rank, option) in options[item].enumerated() {
            var ejections = 0, blocked = false
            for position in board.unitResources[option] {
                let resource = board.resourceList[position]
                let capacity = board.capacity(resource)
                var overlapping = 0
                for other in board.holders[resource] where board.starts[other] < end && start < board.ends[other] {
                    overlapping += 1
                    if inChain[other] && capacity == 1 { blocked = true }
                }
                ejections += max(0, overlapping - capacity + 1)
            }
            // Sorted as one key: ejections, then rank (the option rides along in the low bits).
            if !blocked { optionStack.append(ejections << 40 | rank << 20 | option) }
        }
        optionStack[from...].sort()
        for index in from..<optionStack.count { optionStack[index] &= (1 << 20) - 1 }
        return (from, optionStack.count)
    }

    /// The ways to make room for `item` on `option`, pushed on `setStack` (their positions
    /// returned): sets of items to take off (capacity, then count holds), at most `maxEjected`
    /// each and `maxAlternatives` in all, most promising first. In a pool several holders can give
    /// way, and which one matters (the one with somewhere else to go), so each conflict branches
    /// over the holders that cover it: those that fit elsewhere as the floor stands first, then the
    /// one sharing most minutes, smaller parties first. Items placed in this chain are never taken
    /// off. The floor is as before the call.
    private mutating func ejectionSets(for item: Int, on option: Int) -> (from: Int, to: Int) {
        let from = setStack.count
        var found = 0
        current.removeAll(keepingCapacity: true)
        collectEjections(for: item, on: option, setsFrom: from, found: &found)
        return (from, setStack.count)
    }

    private mutating func collectEjections(for item: Int, on option: Int, setsFrom: Int, found: inout Int) {
        guard found < Self.maxAlternatives else { return }
        let candidatesFrom = candidateStack.count
        defer { Self.truncate(&candidateStack, to: candidatesFrom) }
        var conflict = false
        for position in board.unitResources[option] {
            let resource = board.resourceList[position]
            guard let instant = board.overloaded(resource, adding: item) else { continue }
            conflict = true
            for holder in board.holders[resource] where board.covers(holder, instant) && !inChain[holder] {
                candidateStack.append(holder)
            }
            break
        }
        if !conflict, let (hold, instant) = board.holdViolation(item, on: option) {
            conflict = true
            for resource in board.holdResources[hold] {
                for holder in board.holders[resource] where board.covers(holder, instant) && !inChain[holder]
                    && !candidateStack[candidatesFrom...].contains(holder) {
                    candidateStack.append(holder)
                }
            }
        }
        guard conflict else {
            record(setsFrom: setsFrom, found: &found)
            return
        }
        guard current.count < Self.maxEjected else { return }
        let count = candidateStack.count - candidatesFrom
        if count > 1 {
            // Sorted as one key: fits elsewhere first, then most minutes shared, smaller party,
            // lower index (the candidate in the low bits).
            for index in candidatesFrom..<candidateStack.count {
                let victim = candidateStack[index]
                let elsewhere = fitsElsewhere(victim) ? 0 : 1
                let shared = min(max(board.shared(victim, item), 0), (1 << 14) - 1)
                let party = min(board.parties[victim], (1 << 12) - 1)
                candidateStack[index] = elsewhere << 50 | ((1 << 14) - 1 - shared) << 36 | party << 24 | victim
            }
            candidateStack[candidatesFrom...].sort()
            for index in candidatesFrom..<candidateStack.count { candidateStack[index] &= (1 << 24) - 1 }
        }
        for index in candidatesFrom..<(candidatesFrom + count) {
            let victim = candidateStack[index]
            let mark = journal.count
            eject(victim)
            current.append(victim)
            collectEjections(for: item, on: option, setsFrom: setsFrom, found: &found)
            current.removeLast()
            rollback(to: mark)
            guard found < Self.maxAlternatives else { return }
        }
    }

    /// Pushes `current`, in ascending order, as a new way of making room unless it is one already.
    private mutating func record(setsFrom: Int, found: inout Int) {
        let set = EjectedSet(current).sorted(by: <)
        var position = setsFrom
        while position < setStack.count {
            let other = EjectedSet(setStack, at: position)
            if other == set { return }
            position += other.count + 1
        }
        set.push(onto: &setStack)
        found += 1
    }

    /// Whether `item` could move to another of its options with room as the floor stands.
    private func fitsElsewhere(_ item: Int) -> Bool {
        options[item].contains { $0 != board.on[item] && board.fits(item, on: $0) }
    }

    // MARK: Changes

    /// `inChain`: placed after ejecting others, so not to be ejected again in this chain.
    private mutating func put(_ item: Int, on option: Int, inChain chained: Bool) { set(item, option, inChain: chained) }

    private mutating func eject(_ item: Int) { set(item, nil, inChain: false) }

    private mutating func set(_ item: Int, _ option: Int?, inChain chained: Bool) {
        journal.append((item, board.on[item], inChain[item]))
        board.apply(item, option)
        inChain[item] = chained
    }

    private mutating func rollback(to mark: Int) {
        while journal.count > mark {
            let entry = journal.removeLast()
            board.apply(entry.item, entry.before)
            inChain[entry.item] = entry.wasInChain
        }
    }
}
