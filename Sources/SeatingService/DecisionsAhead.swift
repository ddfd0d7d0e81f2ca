import Dispatch
import Foundation
import Seating

/// The whole-day questions of one availability ask, decided on a second core ahead of the search
/// that asks them: an ask judges up to 13 candidate times nearest first, and on a full evening
/// several of them reach the searches (a few milliseconds each) one after another.
///
/// The search still asks its questions in its own order and stops where it always did; a question
/// it asks is answered by whichever thread decided it first (the helper's, or its own when the
/// helper has not claimed it). `Reshuffle.decide` is a pure function of the day, the question and
/// the limits (a memo only saves work), so answers are the same with or without the helper, on any
/// machine and whatever its load; only the latency changes. What the helper decided and the search
/// never asked is dropped: only asked questions reach the day's kept verdicts (`DayVerdicts`).
///
/// Invariants: `queries` are in the order the search asks; each is decided at most once here; the
/// helper claims no question after `stop()`, and its work is never waited for except by the search
/// asking that very question. Used by one request; the lock guards every mutable field.
final class DecisionsAhead: @unchecked Sendable {
    private let queries: [SeatingQuery]
    private let position: [Int: Int]
    private let condition = NSCondition()
    private var claimed: [Bool]
    private var done: [Reshuffle.Verdict?]
    private var stopped = false

    /// Starts deciding `queries` (but the first, which the caller is about to decide) on a helper,
    /// with `memo` (the helper's own: a copy of the day's) when given.
    init(queries: [SeatingQuery], floor: Floor, day: DayState, limits: Reshuffle.Limits, memo: WholeDayMemo? = nil) {
        self.queries = queries
        position = Dictionary(queries.enumerated().map { ($0.element.time, $0.offset) }, uniquingKeysWith: { first, _ in first })
        claimed = Array(repeating: false, count: queries.count)
        done = Array(repeating: nil, count: queries.count)
        guard queries.count > 1 else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let decide = Reshuffle.decider(floor: floor, day: day, limits: limits, memo: memo ?? WholeDayMemo())
            while let index = claimNext() {
                let verdict = decide(queries[index])
                condition.lock()
                done[index] = verdict
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// The verdict for `query`: the helper's when it decided (or is deciding) it, else `decide`'s;
    /// while the helper is on it, this thread decides the next unclaimed question meanwhile.
    func verdict(for query: SeatingQuery, decide: (SeatingQuery) -> Reshuffle.Verdict) -> Reshuffle.Verdict {
        guard let index = position[query.time], queries[index] == query else { return decide(query) }
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let verdict = done[index] { return verdict }
            let mine: Int
            if !claimed[index] {
                mine = index
            } else if let next = claimed.indices.first(where: { $0 > index && !claimed[$0] }) {
                mine = next
            } else {
                condition.wait()
                continue
            }
            claimed[mine] = true
            condition.unlock()
            let verdict = decide(queries[mine])
            condition.lock()
            done[mine] = verdict
            condition.broadcast()
        }
    }

    /// No more questions for the helper (the one it is deciding, it finishes, unread).
    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }

    private func claimNext() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        // The first question is the caller's.
        guard !stopped, let next = claimed.indices.dropFirst().first(where: { !claimed[$0] }) else { return nil }
        claimed[next] = true
        return next
    }
}

/// One availability ask's questions, in the order its search asks them (`AvailabilitySearch.askOrder`),
/// and the helper deciding them ahead once one needed deciding (see `SeatingService.planner`).
final class AskAhead {
    let queries: [SeatingQuery]
    /// Whether the questions to decide ahead were chosen (at the first that needed deciding).
    var started = false
    var helper: DecisionsAhead?
    /// Whether a question of this ask got the deeper look (`Reshuffle.deepen`): one per ask.
    var deepened = false
    /// Whether a re-assignment plan was offered for one of its questions so far.
    var offered = false

    init(queries: [SeatingQuery]) {
        self.queries = queries
    }

    /// Called when the ask is answered: the helper takes no further question.
    func stop() { helper?.stop() }
}
