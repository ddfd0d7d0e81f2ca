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

    /// `board`: the problem's items, all off the floor.
    init(board: PlacementBoard, budget: Int) {
        self.board = board
        self.budget = budget
        let new = board.new
        order = board.starts.indices.sorted {
            (board.starts[$0], $0 == new ? 0 : 1, board.options[$0].count, $0) < (board.starts[$1], $1 == new ? 0 : 1, board.options[$1].count, $1)
        }
        tries = board.starts.indices.map { item in
            guard let home = board.home[item] else { return board.options[item] }
            return [home] + board.options[item].filter { $0 != home }
        }
    }

    mutating func run() -> Outcome {
        let count = order.count
        let words = (count + 63) / 64
        var level = 0
        var cursor = Array(repeating: 0, count: count)
        // Per level: the earlier levels whose placements refused some option of this level's item.
        var conflict = Array(repeating: [UInt64](repeating: 0, count: words), count: count)
        var levelOf = Array(repeating: 0, count: count)
        for (position, item) in order.enumerated() { levelOf[item] = position }
        while level < count {
            let item = order[level]
            var placed = false
            while cursor[level] < tries[item].count {
                guard budget > 0 else { return .gaveUp }
                budget -= 1
                let option = tries[item][cursor[level]]
                cursor[level] += 1
                if let reason = refusal(item, on: option, levelOf: levelOf) {
                    for other in reason { conflict[level][other >> 6] |= 1 << UInt64(other & 63) }
                    continue
                }
                board.apply(item, option)
                placed = true
                break
            }
            if placed {
                level += 1
                if level < count {
                    cursor[level] = 0
                    for word in 0..<words { conflict[level][word] = 0 }
                }
                continue
            }
            // Dead end: jump back to the latest level in the conflict set, which inherits the rest.
            guard let back = Self.highest(conflict[level]) else { return .infeasible }
            for word in 0..<words { conflict[back][word] |= conflict[level][word] }
            conflict[back][back >> 6] &= ~(1 << UInt64(back & 63))
            for undone in stride(from: level - 1, through: back, by: -1) { board.apply(order[undone], nil) }
            level = back
        }
        board.bringMovedHome()
        guard let plan = board.verifiedPlan() else { return .gaveUp }
        return .plan(plan, chosen: board.on.map { $0! })
    }

    /// Why `item` may not go on `option` as things stand: the levels of the placed items that
    /// refuse it (nil: it fits). Capacity is judged at the item's start, where in start order every
    /// item covering it is placed; among full resources, the one whose holders were placed earliest
    /// is named (the longer jump).
    private func refusal(_ item: Int, on option: Int, levelOf: [Int]) -> [Int]? {
        let start = board.starts[item]
        var best: [Int]?
        var bestLatest = Int.max
        for resource in board.unitResources[option] where board.isFullAtStart(resource, of: item) {
            let levels = board.holders[resource].filter { board.covers($0, start) }.map { levelOf[$0] }
            let latest = levels.max() ?? -1
            if latest < bestLatest {
                best = levels
                bestLatest = latest
            }
        }
        if let best { return best }
        guard let (hold, instant) = board.holdViolation(item, on: option) else { return nil }
        return board.takingHeld(hold, at: instant).map { levelOf[$0] }
    }

    private static func highest(_ set: [UInt64]) -> Int? {
        for word in stride(from: set.count - 1, through: 0, by: -1) where set[word] != 0 {
            return word * 64 + 63 - set[word].leadingZeroBitCount
        }
        return nil
    }
}
