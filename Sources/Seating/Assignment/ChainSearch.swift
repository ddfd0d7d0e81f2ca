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
/// var search = ChainSearch(board: board, budget: 300)  // board: PlacementBoard(problem: problem)
/// search.run()?.moves    // e.g. three bookings moved along a chain, or nil: the search gave up
/// ```
struct ChainSearch {
    private(set) var budget: Int
    /// Where the items are, and the room that leaves.
    private var board: PlacementBoard
    private var inChain: [Bool]
    /// Undo log: an item's option and chain mark before each change.
    private var journal: [(item: Int, before: Int?, wasInChain: Bool)] = []
    /// The most items one placement may eject.
    static let maxEjected = 3
    static let maxDepth = 4
    /// The most ways to make room tried for one placement (`ejectionSets`).
    static let maxAlternatives = 6

    /// `board`: the problem's items, all off the floor; the search starts from today's tables.
    init(board: PlacementBoard, budget: Int) {
        self.budget = budget
        self.board = board
        self.board.placeHome()
        inChain = Array(repeating: false, count: board.items.count)
    }

    private var options: [[Int]] { board.options }

    mutating func run() -> Reshuffle.Plan? {
        let new = board.new
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
        for item in ejected.sorted(by: { (board.parties[$0], $1) > (board.parties[$1], $0) }) where !place(item, depth: depth) {
            rollback(to: mark)
            return false
        }
        return true
    }

    /// Places one ejected item: on the first option with room, else (depth left) on an option after
    /// ejecting what is in its way. On failure the floor is as before the call.
    private mutating func place(_ item: Int, depth: Int) -> Bool {
        for option in options[item] where board.fits(item, on: option) {
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
        let (start, end) = (board.starts[item], board.ends[item])
        var keyed: [(ejections: Int, rank: Int, option: Int)] = []
        for (rank, option) in options[item].enumerated() {
            var ejections = 0, blocked = false
            for resource in board.resources(of: option) {
                var overlapping = 0
                for other in board.holders[resource] where board.starts[other] < end && start < board.ends[other] {
                    overlapping += 1
                    if inChain[other] && board.capacity(resource) == 1 { blocked = true }
                }
                ejections += max(0, overlapping - board.capacity(resource) + 1)
            }
            if !blocked { keyed.append((ejections, rank, option)) }
        }
        return keyed.sorted { ($0.ejections, $0.rank) < ($1.ejections, $1.rank) }.map(\.option)
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
        for resource in board.resources(of: option) {
            guard let instant = board.overloaded(resource, adding: item) else { continue }
            candidates = board.holders[resource].filter { board.covers($0, instant) && !inChain[$0] }
            break
        }
        if candidates == nil, let (hold, instant) = board.holdViolation(item, on: option) {
            candidates = Array(Set(board.holdResources[hold].flatMap { board.holders[$0] })).filter { board.covers($0, instant) && !inChain[$0] }
        }
        guard let candidates else {
            let set = current.sorted()
            if !sets.contains(set) { sets.append(set) }
            return
        }
        guard current.count < Self.maxEjected else { return }
        let ranked = candidates.count == 1 ? candidates : candidates.map { victim in
            (victim, fitsElsewhere(victim) ? 0 : 1, board.shared(victim, item))
        }.sorted { ($0.1, -$0.2, board.parties[$0.0], $0.0) < ($1.1, -$1.2, board.parties[$1.0], $1.0) }.map(\.0)
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

    /// The chain as tables and moves, if `Verification` accepts it.
    private func verifiedPlan() -> Reshuffle.Plan? { board.verifiedPlan() }
}
