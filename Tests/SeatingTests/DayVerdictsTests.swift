@testable import Seating
import Testing

/// The request path's verdicts (`Reshuffle.decide`) and what a day keeps of them from one version
/// to the next (`DayVerdicts`, `DayTightening`), against brute force on small random floors.
@Suite struct DayVerdictsTests {
    /// Every refusal is real and every plan keeps the rules; on small floors the work-bounded
    /// steps decide every question (no `undecided`), so they agree with brute force exactly.
    @Test func decideAgreesWithBruteForce() {
        var rng = SeededRandom(seed: 2027)
        var feasible = 0, infeasible = 0
        for index in 0..<2_500 {
            let instance = RandomFloor(rng: &rng, identical: index % 2 == 0)
            guard let (exists, verdict) = Self.judge(instance, limits: Reshuffle.Limits()) else { continue }
            switch verdict {
            case .plan(let plan):
                #expect(exists, "a plan where brute force finds none: \(instance)")
                #expect(BruteForceReassignment.keepsEveryRule(floor: instance.floor, day: instance.day, query: instance.query, plan: plan))
            case .infeasible: #expect(!exists, "refused although brute force seats the party: \(instance)")
            case .undecided: Issue.record("undecided on a small floor: \(instance)")
            }
            if exists { feasible += 1 } else { infeasible += 1 }
        }
        #expect(feasible >= 50 && infeasible >= 50, "coverage: \(feasible) feasible, \(infeasible) not")
    }

    /// The window relaxation (`find`'s proof before its integer program): whatever it refuses,
    /// brute force refuses, and it proves refusals the matching bound leaves open. (It found that
    /// the count-hold rows were too strict when a hold asks for more tables than it matches.)
    @Test func theWindowRelaxationRefusesOnlyWhatBruteForceRefuses() {
        var rng = SeededRandom(seed: 2028)
        var proved = 0
        for index in 0..<2_500 {
            let instance = RandomFloor(rng: &rng, identical: index % 2 == 1)
            guard Self.greedyRefuses(instance.floor, instance.day, instance.query),
                  let problem = WholeDayProblem(floor: instance.floor, day: instance.day, query: instance.query),
                  WindowRelaxation.refutes(problem) else { continue }
            #expect(!BruteForceReassignment.exists(floor: instance.floor, day: instance.day, query: instance.query),
                    "the relaxation refused a party brute force seats: \(instance)")
            proved += 1
        }
        #expect(proved >= 20, "coverage: \(proved) proved beyond the matching bound")
    }

    /// The opt-in solver stage (`decideSolverMilliseconds`), alone after the bound and one-move
    /// search: a plan it gives keeps the rules and a refusal it proves is real. (What a capped
    /// solve reaches in time is not asserted.)
    @Test func theOptInSolverStageIsSound() {
        var rng = SeededRandom(seed: 2031)
        let solverOnly = Reshuffle.Limits(searchBudget: 0, exactBudget: 0, decideSolverMilliseconds: 5_000, rotationBudget: 0,
                                          clashOrderBudget: 0)
        var plans = 0
        for index in 0..<600 {
            let instance = RandomFloor(rng: &rng, identical: index % 2 == 0)
            guard let (exists, verdict) = Self.judge(instance, limits: solverOnly) else { continue }
            switch verdict {
            case .plan(let plan):
                plans += 1
                #expect(exists, "a plan where brute force finds none: \(instance)")
                #expect(BruteForceReassignment.keepsEveryRule(floor: instance.floor, day: instance.day, query: instance.query, plan: plan))
            case .infeasible: #expect(!exists, "refused although brute force seats the party: \(instance)")
            case .undecided: break
            }
        }
        #expect(plans >= 1, "coverage: \(plans) plans")
    }

    /// The deeper look (`Reshuffle.deepen`) on its own: whatever it offers keeps every rule and is
    /// seatable by brute force, whatever it refuses brute force refuses; it finds plans and proofs.
    @Test func theDeeperLookAgreesWithBruteForce() {
        var rng = SeededRandom(seed: 2032)
        var plans = 0, proofs = 0
        for index in 0..<1_500 {
            let instance = RandomFloor(rng: &rng, identical: index % 2 == 0)
            guard Self.greedyRefuses(instance.floor, instance.day, instance.query) else { continue }
            let exists = BruteForceReassignment.exists(floor: instance.floor, day: instance.day, query: instance.query)
            switch Reshuffle.deepen(floor: instance.floor, day: instance.day, query: instance.query, limits: Self.deepOnly) {
            case .plan(let plan):
                plans += 1
                #expect(exists, "a plan where brute force finds none: \(instance)")
                #expect(BruteForceReassignment.keepsEveryRule(floor: instance.floor, day: instance.day, query: instance.query, plan: plan))
            case .infeasible:
                proofs += 1
                #expect(!exists, "refused although brute force seats the party: \(instance)")
            case .undecided: break
            }
        }
        #expect(plans >= 50 && proofs >= 50, "coverage: \(plans) plans, \(proofs) proofs")
    }

    /// What a day keeps of the deeper look: its plan or proof answers the question from then on
    /// (no search again), a question it left undecided is not looked at again while the day only
    /// tightens, and is once the day loosens.
    @Test func theDayKeepsWhatTheDeeperLookDecided() {
        var rng = SeededRandom(seed: 2033)
        var keptPlans = 0, keptProofs = 0, keptUndecided = 0, lookedAgain = 0
        for index in 0..<1_500 {
            let instance = RandomFloor(rng: &rng, identical: index % 2 == 1)
            let floor = instance.floor, day = instance.day, query = instance.query
            guard Self.greedyRefuses(floor, day, query) else { continue }
            var verdicts = DayVerdicts()
            verdicts.advance(to: day, floor: floor)
            // Nothing but the deeper look: the ordinary searches have no budget.
            guard verdicts.verdict(for: query, floor: floor, decide: { Reshuffle.decide(floor: floor, day: day, query: $0, limits: Self.deepOnly) })
                    == .undecided else { continue }
            // On floors this small the deeper look always decides: every third question gets a stand-in
            // that does not, for what the day keeps of an undecided one.
            let deep = verdicts.deepen(query, floor: floor) {
                index % 3 == 0 ? .undecided : Reshuffle.deepen(floor: floor, day: day, query: $0, limits: Self.deepOnly)
            }
            var decided = false
            let again = verdicts.verdict(for: query, floor: floor) { _ in decided = true; return .undecided }
            #expect(!decided, "asked again after the deeper look: \(instance)")
            switch deep {
            case .plan:
                keptPlans += 1
                #expect(again == deep)
            case .infeasible:
                keptProofs += 1
                #expect(again == .infeasible)
            case .undecided:
                keptUndecided += 1
                #expect(again == .undecided)
                var lookedTwice = false
                #expect(verdicts.deepen(query, floor: floor) { _ in lookedTwice = true; return .infeasible } == .undecided)
                #expect(!lookedTwice, "looked at more deeply twice on the same day: \(instance)")
                // A cancel loosens the day: the question is open again.
                guard let cancelled = day.bookings.values.filter({ $0.status == .booked }).min(by: { $0.id < $1.id }) else { continue }
                var loosened = day
                var gone = cancelled
                gone.status = .cancelled
                loosened.upsert(gone)
                verdicts.advance(to: loosened, floor: floor)
                _ = verdicts.verdict(for: query, floor: floor) { _ in .undecided }
                _ = verdicts.deepen(query, floor: floor) { _ in lookedTwice = true; return .undecided }
                #expect(lookedTwice, "not looked at again after a cancel: \(instance)")
                lookedAgain += 1
            }
        }
        #expect(keptPlans >= 10 && keptProofs >= 10 && lookedAgain >= 5, "coverage: \(keptPlans) plans, \(keptProofs) proofs, \(keptUndecided) undecided (\(lookedAgain) looked at again)")
    }

    /// Only the deeper look: the ordinary searches (but the cheap proofs and the one-move plan) have no budget.
    static let deepOnly = Reshuffle.Limits(searchBudget: 0, exactBudget: 0, rotationBudget: 0, clashOrderBudget: 0, deepBudget: 2_000)

    /// Parties that fit the same units ask the same question: one class.
    @Test func partiesThatFitTheSameUnitsShareAClass() throws {
        let floor = try Floor(TestFloors.layout())
        #expect(floor.fitClass(of: 4) == 3, "C, D and A+B seat both 3 and 4")
        #expect(floor.fitClass(of: 6) == 5, "only D seats 5 and 6")
        #expect(floor.fitClass(of: 2) == 2, "C seats 2, not 1")
        #expect(floor.fitClass(of: 1) == 1)
    }

    /// A book only tightens the day; a cancel, a finish before the end, a shorter stay do not.
    @Test func aBookTightensTheDayACancelDoesNot() throws {
        let floor = try Floor(TestFloors.layout())
        let date = TestFloors.saturday
        let first = Booking(id: "b1", restaurant: "test", date: date, start: 19 * 60, duration: 90, party: 2, tables: ["A"])
        let before = DayState(floor: floor, date: date, bookings: [first])
        var booked = before
        booked.upsert(Booking(id: "b2", restaurant: "test", date: date, start: 19 * 60, duration: 90, party: 4, tables: ["C"]))
        #expect(DayTightening.onlyTightens(from: before, to: booked, floor: floor))
        var moved = booked
        var b1 = first
        b1.tables = ["B"]
        moved.upsert(b1)
        #expect(DayTightening.onlyTightens(from: booked, to: moved, floor: floor), "a re-assignment, no count hold")
        var cancelled = booked
        var gone = first
        gone.status = .cancelled
        cancelled.upsert(gone)
        #expect(!DayTightening.onlyTightens(from: booked, to: cancelled, floor: floor))
        var shorter = booked
        var short = first
        short.duration = 60
        shorter.upsert(short)
        #expect(!DayTightening.onlyTightens(from: booked, to: shorter, floor: floor))
        var locked = booked
        var pinned = first
        pinned.locked = true
        locked.upsert(pinned)
        #expect(DayTightening.onlyTightens(from: booked, to: locked, floor: floor), "locked where it sits")
        var relocated = booked
        pinned.tables = ["B"]
        relocated.upsert(pinned)
        #expect(!DayTightening.onlyTightens(from: booked, to: relocated, floor: floor), "locked elsewhere")
    }

    /// What `DayTightening` calls a tightening never turns a refusal into a plan: on random floors
    /// and random changes, wherever brute force refuses before a tightening it refuses after it.
    @Test func aTighteningNeverTurnsARefusalIntoAPlan() {
        var rng = SeededRandom(seed: 2029)
        var tightenings = 0, carried = 0
        for index in 0..<600 {
            let instance = RandomFloor(rng: &rng, identical: index % 2 == 0)
            let changed = Self.randomChange(instance.day, floor: instance.floor, rng: &rng)
            guard DayTightening.onlyTightens(from: instance.day, to: changed, floor: instance.floor) else { continue }
            tightenings += 1
            for time in stride(from: 18 * 60, through: 21 * 60, by: 30) {
                for party in [2, 4] {
                    let query = SeatingQuery(date: RandomFloor.date, time: time, party: party, channel: instance.query.channel)
                    guard !BruteForceReassignment.exists(floor: instance.floor, day: instance.day, query: query),
                          Self.greedyRefuses(instance.floor, instance.day, query) else { continue }
                    carried += 1
                    #expect(!BruteForceReassignment.exists(floor: instance.floor, day: changed, query: query),
                            "seatable after a tightening: \(instance), \(query.party) at \(time)")
                }
            }
        }
        #expect(tightenings >= 100 && carried >= 200, "coverage: \(tightenings) tightenings, \(carried) refusals carried")
    }

    /// Verdicts kept across versions give the answers deciding from scratch gives: random days
    /// changed step by step (books, moves, locks, cancels, finishes, shorter and longer stays), the
    /// same questions asked at every version of a `DayVerdicts` and of a fresh `decide`; every
    /// plan it gives verifies on the day it is given for.
    @Test func reusedVerdictsEqualVerdictsFromScratch() {
        var rng = SeededRandom(seed: 2030)
        var asked = 0, reusedPlans = 0, reusedProofs = 0
        for index in 0..<150 {
            let instance = RandomFloor(rng: &rng, identical: index % 2 == 1)
            let floor = instance.floor
            var day = instance.day
            var verdicts = DayVerdicts()
            verdicts.advance(to: day, floor: floor)
            for _ in 0..<6 {
                for time in stride(from: 18 * 60, through: 21 * 60, by: 30) {
                    for party in [1, 2, 3, 4, 6] {
                        let query = SeatingQuery(date: RandomFloor.date, time: time, party: party, channel: instance.query.channel)
                        guard Self.greedyRefuses(floor, day, query) else { continue }
                        asked += 1
                        var computed = false
                        let kept = verdicts.verdict(for: query, floor: floor) { query in
                            computed = true
                            return Reshuffle.decide(floor: floor, day: day, query: query)
                        }
                        let fresh = Reshuffle.decide(floor: floor, day: day, query: query)
                        #expect((kept.plan != nil) == (fresh.plan != nil), "\(instance): \(party) at \(time): kept \(kept), fresh \(fresh)")
                        if let plan = kept.plan {
                            #expect(BruteForceReassignment.keepsEveryRule(floor: floor, day: day, query: query, plan: plan))
                            if !computed { reusedPlans += 1 }
                        } else if !computed {
                            reusedProofs += 1
                        }
                    }
                }
                day = Self.randomChange(day, floor: floor, rng: &rng)
                verdicts.advance(to: day, floor: floor)
            }
        }
        #expect(asked >= 2_000 && reusedPlans >= 20 && reusedProofs >= 200,
                "coverage: \(asked) asked, \(reusedPlans) plans and \(reusedProofs) proofs reused")
    }

    // MARK: - Helpers

    /// Brute force's answer and `decide`'s, for an instance greedy refuses for a table reason.
    static func judge(_ instance: RandomFloor, limits: Reshuffle.Limits) -> (Bool, Reshuffle.Verdict)? {
        guard greedyRefuses(instance.floor, instance.day, instance.query) else { return nil }
        return (BruteForceReassignment.exists(floor: instance.floor, day: instance.day, query: instance.query),
                Reshuffle.decide(floor: instance.floor, day: instance.day, query: instance.query, limits: limits))
    }

    static func greedyRefuses(_ floor: Floor, _ day: DayState, _ query: SeatingQuery) -> Bool {
        guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: floor, day: day, query: query) else { return false }
        return Reshuffle.canHelp(reason)
    }

    /// One random change of the kinds a service makes: a new booking where greedy puts it, a
    /// booking moved to another free unit, locked, seated, cancelled, a no-show, finished early,
    /// made shorter or longer.
    static func randomChange(_ day: DayState, floor: Floor, rng: inout SeededRandom) -> DayState {
        var day = day
        let active = day.bookings.values.filter { $0.status.isActive }.sorted { $0.id < $1.id }
        let roll = Int.random(in: 0..<10, using: &rng)
        if roll < 4 || active.isEmpty {
            let start = 18 * 60 + 15 * Int.random(in: 0...12, using: &rng), party = Int.random(in: 1...5, using: &rng)
            let duration = party <= 2 ? 60 : 90
            let channel: Booking.Channel = Bool.random(using: &rng) ? .online : .host
            if let unit = GreedyBestFit.choose(floor: floor, day: day, party: party, from: start, to: start + duration, area: nil,
                                               tags: [], channel: channel).unit {
                day.upsert(Booking(id: "n\(day.bookings.count)", restaurant: floor.layout.restaurant, date: day.date, start: start,
                                   duration: duration, party: party, tables: floor.units[unit].tableIDs, channel: channel))
            }
            return day
        }
        var booking = active[Int.random(in: 0..<active.count, using: &rng)]
        switch roll {
        case 4:
            var without = day
            without.remove(booking.id)
            let free = floor.candidates(for: booking.party).flatMap(\.units).filter { unit in
                UnitRules.verdict(floor: floor, day: without, unit: unit, party: booking.party, from: booking.start,
                                  to: booking.end + day.buffer, channel: .host) == .allowed
            }
            guard !booking.locked, booking.status == .booked, let unit = free.randomElement(using: &rng) else { return day }
            booking.tables = floor.units[unit].tableIDs
        case 5: booking.locked = true
        case 6: booking.status = .seated; booking.locked = true
        case 7: booking.status = Bool.random(using: &rng) ? .cancelled : .noShow
        case 8:
            booking.status = .finished
            booking.duration = max(15, booking.duration - 30)
        default:
            var longer = booking
            longer.duration += 30
            var without = day
            without.remove(booking.id)
            let fits = floor.unit(forTables: booking.tables).map { unit in
                UnitRules.verdict(floor: floor, day: without, unit: unit, party: booking.party, from: longer.start,
                                  to: longer.end + day.buffer, channel: .host) == .allowed
            } ?? false
            booking.duration += Bool.random(using: &rng) && fits ? 30 : -30
            booking.duration = max(15, booking.duration)
        }
        day.upsert(booking)
        return day
    }
}
