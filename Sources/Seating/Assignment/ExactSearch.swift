/// A complete search for the whole-day re-assignment: it finds a plan whenever one exists, or
/// proves that none does, unless it runs out of budget first. The ejection chains of `ChainSearch`
/// find short plans fast but give up on long ones; the integer program finds every plan but its
/// solver needs time it does not have on the hot path. This search sits between them.
///
/// How: items are placed in start order (the new party first among equal starts, then those with
/// fewer options), each on its own tables first, then on its other options in greedy rank order.
/// In start order, every item covering an item's start is already placed when it is, so a
/// resource has room for it iff fewer than its capacity cover that start (interval graphs), and a
/// count hold is judged on the board as it is (`PlacementBoard`: adding items only takes tables, so
/// a breach seen early stays a breach). When no option of an item has room, the search jumps back
/// to the latest placed item that took part in a refusal (conflict-directed backjumping, Prosser
/// 1993), not merely to the previous one: items placed in between cannot have caused it. The
/// conflict sets make the search complete: an item with nothing left to try and an empty conflict
/// set proves that no re-assignment exists.
///
/// Two value orders (`Order`), run one after the other by `Reshuffle` when the first gives up:
/// greedy's, each item on its own tables first and then in greedy rank order, finds plans that
/// keep most bookings where they are; fewest clashes first, each option ranked by how many
/// bookings sit on its tables during the item's stay today, reaches plans the first order only
/// meets after exploring every way of keeping a crowded table's bookings (on the booking page's
/// replayed misses, a chain of five moves across four tables on the brasserie's Friday and
/// Saturday, and a combination swap on random floor 2, each within 2,000 options, where greedy's
/// order ran out at 6,000 and at 3,000,000). Either order alone is complete.
///
/// Invariants: deterministic; `budget` bounds the options tried; a plan is returned only after
/// `Verification` accepts it from scratch; `.infeasible` only when the search was exhausted.
///
/// ```swift
/// var search = ExactSearch(board: board, budget: 20_000)
/// switch search.run() {
/// case .plan(let plan, _): plan.moves   // a verified plan, moved items tried back home first
/// case .infeasible: break               // proof: no assignment of tables seats the party
/// case .gaveUp: break                   // undecided: ask the integer program
/// }
/// ```
struct ExactSearch {
    /// The order in which each item's options are tried (see the type's documentation).
    enum Order {
        /// Its own tables, then greedy rank order.
        case greedy
        /// Fewest bookings on the option's tables during the item's stay today first (own tables
        /// first among equals, then greedy rank order).
        case fewestClashes
        /// Highest value first in a relaxation's optimum (`WindowRelaxation.guide`: per item, per
        /// option), greedy's order among equals.
        case relaxation([[Int: Double]])
    }

    enum Outcome {
        /// The plan, and each item's option in it (a unit or a pool's representative).
        case plan(Reshuffle.Plan, chosen: [Int])
        case infeasible
        case gaveUp
    }

    private(set) var budget: Int
    private var board: PlacementBoard
    /// Items in the order they are placed.
    private let order: [Int]
    /// Per item: its options, its own first.
    private let tries: [[Int]]
    /// Per item: its level (position in `order`); per level, its conflict set (`words` words).
    private var levelOf: [Int] = []
    private var conflict: [UInt64] = []
    private var words = 0

    /// `board`: the problem's items, all off the floor.
    init(board: PlacementBoard, budget: Int, order valueOrder: Order = .greedy) {
        self.board = board
        self.budget = budget
        let new = board.new
        order = board.starts.indices.sorted {
            (board.starts[$0], $0 == new ? 0 : 1, board.options[$0].count, $0) < (board.starts[$1], $1 == new ? 0 : 1, board.options[$1].count, $1)
        }
        let greedy = board.starts.indices.map { item in
            guard let home = board.home[item] else { return board.options[item] }
            return [home] + board.options[item].filter { $0 != home }
        }
        /// Each item's options by `rank` (lowest first), greedy's order among equals.
        func reordered(by rank: (_ item: Int, _ option: Int) -> Double) -> [[Int]] {
            greedy.enumerated().map { item, options in
                options.enumerated().map { (option: $0.element, rank: rank(item, $0.element), position: $0.offset) }
                    .sorted { ($0.rank, $0.position) < ($1.rank, $1.position) }.map(\.option)
            }
        }
        switch valueOrder {
        case .greedy: tries = greedy
        case .fewestClashes:
            var today = board
            today.placeHome()
            tries = reordered { Double(today.clashes($0, on: $1)) }
        case .relaxation(let values):
            tries = reordered { -(values[$0][$1] ?? 0) }
        }
    }

    mutating func run() -> Outcome {
        let count = order.count
        words = (count + 63) / 64
        var level = 0
        var cursor = Array(repeating: 0, count: count)
        // Per level (flat, `words` each): the earlier levels whose placements refused some option
        // of this level's item.
        conflict = Array(repeating: 0, count: count * words)
        levelOf = Array(repeating: 0, count: count)
        for (position, item) in order.enumerated() { levelOf[item] = position }
        while level < count {
            let item = order[level]
            var placed = false
            while cursor[level] < tries[item].count {
                guard budget > 0 else { return .gaveUp }
                budget -= 1
                let option = tries[item][cursor[level]]
                cursor[level] += 1
                if refuses(item, on: option, level: level) { continue }
                board.apply(item, option)
                placed = true
                break
            }
            if placed {
                level += 1
                if level < count {
                    cursor[level] = 0
                    for word in 0..<words { conflict[level * words + word] = 0 }
                }
                continue
            }
            // Dead end: jump back to the latest level in the conflict set, which inherits the rest.
            guard let back = highest(level) else { return .infeasible }
            for word in 0..<words { conflict[back * words + word] |= conflict[level * words + word] }
            conflict[back * words + back >> 6] &= ~(1 << UInt64(back & 63))
            for undone in stride(from: level - 1, through: back, by: -1) { board.apply(order[undone], nil) }
            level = back
        }
        board.bringMovedHome()
        guard let plan = board.verifiedPlan() else { return .gaveUp }
        return .plan(plan, chosen: board.on.map { $0! })
    }

    /// Whether `item` may not go on `option` as things stand; if so, the levels of the placed items
    /// that refuse it join `level`'s conflict set. Capacity is judged at the item's start, where in
    /// start order every item covering it is placed; among full resources, the one whose holders
    /// were placed earliest is named (the longer jump). (No arrays are made: this runs for every
    /// option tried.)
    private mutating func refuses(_ item: Int, on option: Int, level: Int) -> Bool {
        let start = board.starts[item]
        var best: Int?
        var bestLatest = Int.max
        for position in board.unitResources[option] {
            let resource = board.resourceList[position]
            guard board.isFullAtStart(resource, of: item) else { continue }
            var latest = -1
            for holder in board.holders[resource] where board.covers(holder, start) { latest = max(latest, levelOf[holder]) }
            if latest < bestLatest {
                best = resource
                bestLatest = latest
            }
        }
        if let best {
            for holder in board.holders[best] where board.covers(holder, start) { mark(levelOf[holder], in: level) }
            return true
        }
        guard let (hold, instant) = board.holdViolation(item, on: option) else { return false }
        for holder in board.takingHeld(hold, at: instant) { mark(levelOf[holder], in: level) }
        return true
    }

    private mutating func mark(_ other: Int, in level: Int) {
        conflict[level * words + other >> 6] |= 1 << UInt64(other & 63)
    }

    /// The latest level in `level`'s conflict set.
    private func highest(_ level: Int) -> Int? {
        for word in stride(from: words - 1, through: 0, by: -1) where conflict[level * words + word] != 0 {
            return word * 64 + 63 - conflict[level * words + word].leadingZeroBitCount
        }
        return nil
    }
}
