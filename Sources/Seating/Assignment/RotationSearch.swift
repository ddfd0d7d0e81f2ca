/// A plan finder for the whole-day re-assignment: rotations, breadth first. The new party goes on
/// an option with one booking in its way, that booking on an option with one in its way, and so on
/// until one finds room: the augmenting paths of bipartite matching, with intervals. Each booking
/// is displaced at most once in a search (the first, shortest, way it was reached), so the search
/// costs at most one expansion per booking however long the rotation, where depth-first chains
/// (`ChainSearch`) pay for every ordering of every branch up to their depth.
///
/// How: a queue of displaced items, each with the path of moves that displaced it (applied to the
/// board while it is expanded, then undone); for each option of the item, in greedy rank order,
/// the item in its way is found as `ChainSearch` would take it off (per overloaded checkpoint, the
/// holder sharing most of the interval; then one in the way of a count hold), never one placed on
/// the path: none means a plan; one, not displaced yet, joins the queue; more, the option is
/// passed over (the chain search, next in the pipeline, ejects several at once). It can only find
/// plans, never prove that none exists.
///
/// Why single displacements: on the booking page's full evenings (Benchmarks/RESULTS.md) this
/// search turned the asks refused although a plan existed from 3 % to none on `--quick`; steps
/// that take two bookings off at once (one going straight to room elsewhere) found more plans on
/// the hardest questions but made every search slower, availability's p99 with it.
///
/// Invariants: deterministic; `budget` bounds the options tried; the board is home plus the path
/// being expanded; a plan is returned only after every moved item with room at home again went
/// back and `Verification` accepted it from scratch.
///
/// ```swift
/// var search = RotationSearch(board: board, budget: 5_000)
/// search.run()?.moves    // e.g. a four to the six-top, its six to the eight-top, the eight to a long table
/// ```
struct RotationSearch {
    private(set) var budget: Int
    private var board: PlacementBoard

    /// One move of a path: `victim` (if any, at home) taken off, then `item` put on `option`.
    private struct Step {
        let item: Int
        let option: Int
        let victim: Int?
    }

    /// `board`: the problem's items, all off the floor.
    init(board: PlacementBoard, budget: Int) {
        self.board = board
        self.budget = budget
        self.board.placeHome()
    }

    mutating func run() -> Reshuffle.Plan? {
        let new = board.new
        var displaced = Array(repeating: false, count: board.items.count)
        displaced[new] = true
        var onPath = Array(repeating: false, count: board.items.count)
        // Per queued item: the steps that took it off (oldest first).
        var queue: [(item: Int, path: [Step])] = [(new, [])]
        var head = 0
        while head < queue.count {
            let (item, path) = queue[head]
            head += 1
            for step in path { apply(step, onPath: &onPath) }
            for option in board.options[item] {
                guard budget > 0 else { return nil }
                budget -= 1
                guard board.ejectionsNeeded(item, on: option) <= 1,
                      let victim = inTheWay(of: item, on: option, onPath: onPath) else { continue }
                let step = Step(item: item, option: option, victim: victim >= 0 ? victim : nil)
                guard let next = step.victim else {
                    apply(step, onPath: &onPath)
                    board.bringMovedHome()
                    return board.verifiedPlan()
                }
                guard !displaced[next] else { continue }
                displaced[next] = true
                queue.append((next, path + [step]))
            }
            for step in path.reversed() { undo(step, onPath: &onPath) }
        }
        return nil
    }

    /// The one item to take off so that `item` (off the floor) fits on `option`: -1 when it fits
    /// as things stand, nil when more than one is in the way or the one is on the path. Per
    /// overloaded checkpoint the holder sharing most of `item`'s interval, then one in the way of
    /// a count hold. The board is as before the call.
    private mutating func inTheWay(of item: Int, on option: Int, onPath: [Bool]) -> Int? {
        var taken = -1
        defer { if taken >= 0 { board.apply(taken, board.home[taken]) } }
        for resource in board.resources(of: option) {
            while let instant = board.overloaded(resource, adding: item) {
                guard taken < 0, let victim = sharingMost(board.holders[resource], covering: instant, with: item,
                                                          onPath: onPath) else { return nil }
                board.apply(victim, nil)
                taken = victim
            }
        }
        if let (hold, instant) = board.holdViolation(item, on: option) {
            guard taken < 0, let victim = sharingMost(board.takingHeld(hold, at: instant), with: item, onPath: onPath)
            else { return nil }
            board.apply(victim, nil)
            taken = victim
            guard board.holdViolation(item, on: option) == nil else { return nil }
        }
        return taken
    }

    /// Of `candidates` (those covering `instant`, when given), the one not on the path sharing
    /// most of `item`'s interval (the latest among equals); nil when there is none.
    private func sharingMost(_ candidates: [Int], covering instant: Int? = nil, with item: Int, onPath: [Bool]) -> Int? {
        var victim: Int?, most = Int.min
        for other in candidates where !onPath[other] {
            if let instant, !board.covers(other, instant) { continue }
            let shared = board.shared(other, item)
            if shared > most || (shared == most && other > victim!) { (victim, most) = (other, shared) }
        }
        return victim
    }

    /// Takes the step's victim off and puts its item on its option.
    private mutating func apply(_ step: Step, onPath: inout [Bool]) {
        if let victim = step.victim { board.apply(victim, nil) }
        board.apply(step.item, step.option)
        onPath[step.item] = true
    }

    /// Undoes `apply`: the item was off the floor, the victim at home (a victim is never on the
    /// path, so it was at home).
    private mutating func undo(_ step: Step, onPath: inout [Bool]) {
        board.apply(step.item, nil)
        if let victim = step.victim { board.apply(victim, board.home[victim]) }
        onPath[step.item] = false
    }
}
