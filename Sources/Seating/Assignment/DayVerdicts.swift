/// What the whole-day re-assignment has decided about one restaurant-day, kept from one version
/// of the day to the next: a day changes one booking at a time and is asked about far more often
/// than it changes, and most of what it was asked stays decided.
///
/// A question is the party's start, turn time, channel and the units that fit its size (parties
/// of 3 and 4 that fit the same units ask the same question). Per question it keeps:
/// - a proof that no re-assignment seats the party (`Reshuffle.Verdict.infeasible`), kept while
///   the day only tightens (`DayTightening`) and dropped at any other change;
/// - a plan, used as it is on the version it was found on, and on a later version only once it is
///   carried over (its moves taken from where the bookings sit now) and verified again from scratch
///   (`Verification`); one that no longer verifies is dropped and the question decided anew;
/// - `undecided` (the searches' budgets ran out, so the time is not offered), kept like a proof
///   while the day only tightens: the searches would start again from a day with fewer choices,
///   and on a full evening their failing runs are most of an ask's cost (3-4 ms a question on the
///   hall's Friday, asked again at every version). It is decided anew as soon as the day loosens.
///   An undecided question may be looked at more deeply once (`deepen`): its plan or proof then
///   replaces it, and a question still undecided after it is kept as such (not looked at again)
///   on the same terms.
///
/// Invariants: `day` is the version every kept plan was verified on, or will be before use; an
/// offer is a plan that verifies on this day, so it is always bookable; `infeasible` is a proof
/// valid for this day; `undecided` was `decide`'s answer on this day or on an earlier one that
/// this day only tightens; pure and deterministic: the same sequence of days and questions gives
/// the same answers. At most `capacity` questions of each kind.
///
/// ```swift
/// var verdicts = DayVerdicts()
/// verdicts.advance(to: day, floor: floor)
/// verdicts.verdict(for: query, floor: floor) { Reshuffle.decide(floor: floor, day: day, query: $0) }
/// verdicts.advance(to: dayAfterABook, floor: floor)   // the proofs of "no" stay
/// ```
public struct DayVerdicts: Sendable {
    /// What a whole-day answer depends on besides the day.
    public struct Question: Hashable, Sendable {
        public var time: Int
        public var duration: Int
        public var channel: Booking.Channel
        /// The party's class: the units whose `min...max` hold it (`Floor.fitClass`).
        public var fitClass: Int

        public init(query: SeatingQuery, floor: Floor) {
            time = query.time
            duration = SlotEvaluator.duration(floor: floor, query: query)
            channel = query.channel
            fitClass = floor.fitClass(of: query.party)
        }
    }

    /// Questions kept per kind before that kind is emptied: more than a day's grid times, party
    /// classes and channels ask on a busy evening, and small (a few dozen bytes each), so that a
    /// thousand cached days stay within tens of megabytes.
    public static let capacity = 1_024

    /// The version of the day the answers are about (nil before the first `advance`).
    public private(set) var day: DayState?
    private var proofs: Set<Question> = []
    private var undecided: Set<Question> = []
    /// Undecided after `deepen` too.
    private var deepened: Set<Question> = []
    /// Verified on `day`.
    private var plans: [Question: Reshuffle.Plan] = [:]
    /// Found on an earlier version: carried over and verified before use.
    private var carried: [Question: Reshuffle.Plan] = [:]

    public init() {}

    /// The day is now `next`: proofs and undecided questions stay when it only tightened, plans
    /// wait to be verified again.
    public mutating func advance(to next: DayState, floor: Floor) {
        if let day, !DayTightening.onlyTightens(from: day, to: next, floor: floor) {
            proofs.removeAll()
            undecided.removeAll()
            deepened.removeAll()
        }
        carried.merge(plans) { _, newer in newer }
        plans.removeAll()
        day = next
    }

    /// The answer for `query` on `day` (the last `advance`): kept, carried over, or `decide`'s.
    public mutating func verdict(for query: SeatingQuery, floor: Floor,
                                 decide: (SeatingQuery) -> Reshuffle.Verdict) -> Reshuffle.Verdict {
        guard let day else { return decide(query) }
        let question = Question(query: query, floor: floor)
        if proofs.contains(question) { return .infeasible }
        if undecided.contains(question) { return .undecided }
        if let plan = plans[question] { return .plan(plan) }
        if let old = carried.removeValue(forKey: question), let plan = Self.carry(old, to: day, floor: floor, query: query) {
            plans[question] = plan
            return .plan(plan)
        }
        let verdict = decide(query)
        switch verdict {
        case .plan(let plan): Self.insert(plan, for: question, into: &plans)
        case .infeasible: Self.insert(question, into: &proofs)
        case .undecided: Self.insert(question, into: &undecided)
        }
        return verdict
    }

    /// For a question `verdict(for:)` answered `.undecided`: `deepen`'s answer (a plan or a proof
    /// is kept as `decide`'s would be), or `.undecided` at once when it was deepened before.
    public mutating func deepen(_ query: SeatingQuery, floor: Floor,
                                deepen: (SeatingQuery) -> Reshuffle.Verdict) -> Reshuffle.Verdict {
        guard day != nil else { return deepen(query) }
        let question = Question(query: query, floor: floor)
        if deepened.contains(question) { return .undecided }
        let verdict = deepen(query)
        switch verdict {
        case .plan(let plan):
            undecided.remove(question)
            Self.insert(plan, for: question, into: &plans)
        case .infeasible:
            undecided.remove(question)
            Self.insert(question, into: &proofs)
        case .undecided: Self.insert(question, into: &deepened)
        }
        return verdict
    }

    /// Whether `query` has a kept answer on `day` (a proof, undecided, or a plan verified on it):
    /// when false, `verdict(for:)` calls `decide` unless a plan from an earlier version carries over.
    public func knows(_ query: SeatingQuery, floor: Floor) -> Bool {
        guard day != nil else { return false }
        let question = Question(query: query, floor: floor)
        return proofs.contains(question) || undecided.contains(question) || plans[question] != nil
    }

    /// `plan`, found on an earlier version, as a plan of `day`: each move from where its booking
    /// sits now (moves already made dropped), the new party where the plan put it; nil unless
    /// `Verification` accepts it from scratch.
    static func carry(_ plan: Reshuffle.Plan, to day: DayState, floor: Floor, query: SeatingQuery) -> Reshuffle.Plan? {
        var moves: [Reshuffle.Move] = []
        for move in plan.moves {
            guard let booking = day.bookings[move.booking], WholeDayProblem.isMovable(booking) else { return nil }
            if booking.tables != move.to { moves.append(Reshuffle.Move(booking: move.booking, from: booking.tables, to: move.to)) }
        }
        let placement = plan.placement
        guard placement.start == query.time else { return nil }
        let new = Reshuffle.newBooking(floor: floor, day: day, query: query, duration: placement.duration, unit: placement.unit)
        guard Verification.isValid(floor: floor, day: day, moves: moves, extra: new) else { return nil }
        return Reshuffle.Plan(placement: placement, moves: moves)
    }

    private static func insert(_ question: Question, into set: inout Set<Question>) {
        if set.count >= capacity { set.removeAll(keepingCapacity: true) }
        set.insert(question)
    }

    private static func insert(_ plan: Reshuffle.Plan, for question: Question, into plans: inout [Question: Reshuffle.Plan]) {
        if plans.count >= capacity { plans.removeAll(keepingCapacity: true) }
        plans[question] = plan
    }
}
