import Seating
import Testing

/// The whole-day re-assignment: chains, count holds, reasons other than `no_table`, windows,
/// locked bookings, and exactness against brute force on small floors.
@Suite struct WholeDayReshuffleTests {
    static let date = ServiceDate("2026-11-17")!  // a Tuesday

    static func floor(_ tables: [Table], holds: [Hold] = [], blocks: [Block] = []) -> Floor {
        try! Floor(Layout(restaurant: "r", tables: tables, turnTimes: TurnTimes(bands: [.init(minutes: 90)]),
                          services: [Service(name: "dinner", first: 18 * 60, last: 22 * 60)], holds: holds, blocks: blocks))
    }

    static func booking(_ id: String, _ table: String, party: Int, start: Int = 19 * 60, locked: Bool = false,
                        status: Booking.Status = .booked, channel: Booking.Channel = .online) -> Booking {
        Booking(id: id, restaurant: "r", date: date, start: start, duration: 90, party: party, tables: [table], status: status,
                channel: channel, locked: locked)
    }

    /// X seats 5-6, Y 4-5, Z 3-4, W 2-3; parties of 5, 4 and 3 sit on X, Y, Z; W is free.
    static let ladder = floor([
        Table(id: "X", min: 5, max: 6), Table(id: "Y", min: 4, max: 5), Table(id: "Z", min: 3, max: 4), Table(id: "W", min: 2, max: 3),
    ])

    @Test func aChainOfThreeMovesSeatsTheParty() {
        let day = DayState(floor: Self.ladder, date: Self.date, bookings: [
            Self.booking("b1", "X", party: 5), Self.booking("b2", "Y", party: 4), Self.booking("b3", "Z", party: 3),
        ])
        let query = SeatingQuery(date: Self.date, time: 19 * 60, party: 6)
        #expect(SlotEvaluator.evaluate(floor: Self.ladder, day: day, query: query) == .refuse(.noTable))
        #expect(Reshuffle.oneMove(floor: Self.ladder, day: day, query: query) == nil)
        let plan = Reshuffle.find(floor: Self.ladder, day: day, query: query, limits: .unhurried)
        #expect(plan?.placement.tables == ["X"])
        #expect(plan?.moves == [
            Reshuffle.Move(booking: "b1", from: ["X"], to: ["Y"]), Reshuffle.Move(booking: "b2", from: ["Y"], to: ["Z"]),
            Reshuffle.Move(booking: "b3", from: ["Z"], to: ["W"]),
        ])
        // Availability offers the time, saying bookings move.
        let answer = AvailabilitySearch.search(
            floor: Self.ladder, day: day, request: AvailabilityRequest(query: query, before: 0, after: 0),
            reshuffle: Reshuffle.planner(floor: Self.ladder, day: day, limits: .unhurried))
        #expect(answer.requested.reason == .available)
        #expect(answer.slots.map(\.reshuffle) == [true])
    }

    /// In a pool of identical tables, which booking gives way matters: the chain search alone (no
    /// integer program) must take off the one that has somewhere else to go, not the one sharing
    /// most minutes with the newcomer, and find the plan at once (three tries: the couple on T, then
    /// the four to the pool, then the six to C). Taking off the other four first needs a deeper
    /// chain that moves it back into the pool.
    @Test func theChainSearchPicksTheBookingInAPoolThatCanGoElsewhere() {
        // T (2-4) holds a four; A1, A2 (4-6, identical: a pool) hold a four (same time as the first
        // four) and a six (a quarter later); C (6-8) is free. A couple can only sit on T: the four
        // goes to the pool, and the six, not the other four, gives way to C.
        let floor = Self.floor([
            Table(id: "T", min: 2, max: 4), Table(id: "A1", min: 4, max: 6), Table(id: "A2", min: 4, max: 6),
            Table(id: "C", min: 6, max: 8),
        ])
        let day = DayState(floor: floor, date: Self.date, bookings: [
            Self.booking("b1", "T", party: 4), Self.booking("b2", "A1", party: 4),
            Self.booking("b3", "A2", party: 6, start: 19 * 60 + 15),
        ])
        let query = SeatingQuery(date: Self.date, time: 19 * 60, party: 2)
        #expect(SlotEvaluator.evaluate(floor: floor, day: day, query: query) == .refuse(.noTable))
        // Three tries: the couple on T with the four off (nowhere to go straight away), then the
        // four on the pool with the six off, the six on C. Taking the other four off first would
        // spend the third try on a dead end (the complete search, which would find the plan
        // anyway, is off).
        let chainsOnly = Reshuffle.Limits(timeLimitMilliseconds: 0, searchBudget: 3, exactBudget: 0, rotationBudget: 0, clashOrderBudget: 0)
        let plan = Reshuffle.find(floor: floor, day: day, query: query, limits: chainsOnly)
        #expect(plan?.placement.tables == ["T"])
        #expect(plan?.moves == [
            Reshuffle.Move(booking: "b1", from: ["T"], to: ["A2"]), Reshuffle.Move(booking: "b3", from: ["A2"], to: ["C"]),
        ])
    }

    @Test func lockedAndSeatedBookingsNeverMove() {
        for fixed in [Self.booking("b3", "Z", party: 3, locked: true), Self.booking("b3", "Z", party: 3, status: .seated)] {
            let day = DayState(floor: Self.ladder, date: Self.date, bookings: [
                Self.booking("b1", "X", party: 5), Self.booking("b2", "Y", party: 4), fixed,
            ])
            let query = SeatingQuery(date: Self.date, time: 19 * 60, party: 6)
            #expect(Reshuffle.find(floor: Self.ladder, day: day, query: query, limits: .unhurried) == nil, "\(fixed.status) \(fixed.locked)")
            let answer = AvailabilitySearch.search(
                floor: Self.ladder, day: day, request: AvailabilityRequest(query: query, before: 0, after: 0),
                reshuffle: Reshuffle.planner(floor: Self.ladder, day: day, limits: .unhurried))
            #expect(answer.requested.reason == .noTable)
        }
    }

    @Test func aCountHoldIsKeptByMovingSmallPartiesOffHeldTypeTables() {
        // Two of the main four-tops M1-M3 stay free 18:00-22:00. Couples sit on M1 and M2; the patio
        // two-tops are free. A four can only sit if both couples go to the patio (two moves).
        let hold = Hold(name: "main fours", kind: .count(2, area: "main", minCapacity: 4, maxCapacity: 4), from: 18 * 60, to: 22 * 60)
        let floor = Self.floor([
            Table(id: "M1", max: 4), Table(id: "M2", max: 4), Table(id: "M3", max: 4),
            Table(id: "P1", max: 2, area: "patio"), Table(id: "P2", max: 2, area: "patio"),
        ], holds: [hold])
        let day = DayState(floor: floor, date: Self.date, bookings: [Self.booking("c1", "M1", party: 2), Self.booking("c2", "M2", party: 2)])
        let query = SeatingQuery(date: Self.date, time: 19 * 60, party: 4)
        #expect(SlotEvaluator.evaluate(floor: floor, day: day, query: query) == .refuse(.heldForWalkIns))
        #expect(Reshuffle.oneMove(floor: floor, day: day, query: query) == nil)
        guard let plan = Reshuffle.find(floor: floor, day: day, query: query) else {
            Issue.record("no plan")
            return
        }
        #expect(Set(plan.moves.map(\.booking)) == ["c1", "c2"])
        #expect(Set(plan.moves.flatMap(\.to)) == ["P1", "P2"])
        // A host may take held capacity: greedy seats a host party without moving anyone.
        #expect(SlotEvaluator.evaluate(floor: floor, day: day, query: SeatingQuery(date: Self.date, time: 19 * 60, party: 4, channel: .host))
                    != .refuse(.heldForWalkIns))
    }

    @Test func aFullPrimeTimeButForTheHeldTablesIsRuledOutWithoutASearch() {
        // Two of the four main four-tops stay free 18:00-22:00; couples sit on M1 and M2, locked
        // couples on the patio two-tops. A third couple could only take M3 or M4, which the hold
        // forbids, and no one can make room elsewhere: the bound says so at once, at every instant
        // (no four-top is over-booked, so counting tables alone proves nothing).
        let hold = Hold(name: "main fours", kind: .count(2, area: "main", minCapacity: 4, maxCapacity: 4), from: 18 * 60, to: 22 * 60)
        let floor = Self.floor([
            Table(id: "M1", max: 4), Table(id: "M2", max: 4), Table(id: "M3", max: 4), Table(id: "M4", max: 4),
            Table(id: "P1", max: 2, area: "patio"), Table(id: "P2", max: 2, area: "patio"),
        ], holds: [hold])
        let day = DayState(floor: floor, date: Self.date, bookings: [
            Self.booking("c1", "M1", party: 2), Self.booking("c2", "M2", party: 2, start: 19 * 60 + 30),
            Self.booking("p1", "P1", party: 2, locked: true), Self.booking("p2", "P2", party: 2, start: 18 * 60 + 30, locked: true),
        ])
        let query = SeatingQuery(date: Self.date, time: 19 * 60 + 15, party: 2)
        #expect(SlotEvaluator.evaluate(floor: floor, day: day, query: query) == .refuse(.heldForWalkIns))
        #expect(!BruteForceReassignment.exists(floor: floor, day: day, query: query))
        #expect(Reshuffle.isRuledOut(floor: floor, day: day, query: query))
        // A host couple takes held capacity: nothing rules it out (it sits on M3 or M4 at once).
        let host = SeatingQuery(date: Self.date, time: 19 * 60 + 15, party: 2, channel: .host)
        #expect(SlotEvaluator.evaluate(floor: floor, day: day, query: host) != .refuse(.heldForWalkIns))
    }

    @Test func aBlockedTableIsNoReasonToRefuseWhenOthersCanMove() {
        // F2 is blocked; the couple on F1 can move to T1.
        let floor = Self.floor([Table(id: "T1", max: 2), Table(id: "F1", max: 4), Table(id: "F2", max: 4)],
                               blocks: [Block(tables: ["F2"], date: Self.date)])
        let day = DayState(floor: floor, date: Self.date, bookings: [Self.booking("c", "F1", party: 2)])
        let query = SeatingQuery(date: Self.date, time: 19 * 60, party: 4)
        #expect(SlotEvaluator.evaluate(floor: floor, day: day, query: query) == .refuse(.blocked))
        let placed = Reservations.place(floor: floor, day: day, query: query, pinned: nil,
                                        reshuffle: Reshuffle.planner(floor: floor, day: day, limits: .unhurried))
        let moves = (try? placed.get())?.moves
        #expect(moves == [Reshuffle.Move(booking: "c", from: ["F1"], to: ["T1"])])
    }

    @Test func theNearestTimeNeedsMovesAFartherOneDoesNot() {
        let floor = Self.floor([Table(id: "T1", max: 2), Table(id: "F1", max: 4)])
        let day = DayState(floor: floor, date: Self.date, bookings: [Self.booking("c", "F1", party: 2)])  // 19:00-20:30
        let query = SeatingQuery(date: Self.date, time: 19 * 60, party: 4)
        let planner = Reshuffle.planner(floor: floor, day: day, limits: .unhurried)
        let answer = AvailabilitySearch.search(floor: floor, day: day, request: AvailabilityRequest(query: query, before: 0, after: 90, limit: 10),
                                               reshuffle: planner)
        #expect(answer.slots.first?.time == 19 * 60)
        #expect(answer.slots.first?.reshuffle == true)
        #expect(answer.slots.last?.time == 20 * 60 + 30)
        #expect(answer.slots.last?.reshuffle == false)
        let early = answer.slots.filter { $0.time < 20 * 60 + 30 }
        #expect(early.allSatisfy { $0.reshuffle })
        // Without re-assignment only the farther time is offered.
        let greedy = AvailabilitySearch.search(floor: floor, day: day, request: AvailabilityRequest(query: query, before: 0, after: 90, limit: 10))
        #expect(greedy.slots.map(\.time) == [20 * 60 + 30])
        #expect(greedy.requested.reason == .noTable)
    }

    @Test func theSameDayAndQueryGiveTheSamePlan() {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<30 {
            let instance = RandomFloor(rng: &rng)
            let first = Reshuffle.find(floor: instance.floor, day: instance.day, query: instance.query)
            let second = Reshuffle.find(floor: instance.floor, day: instance.day, query: instance.query)
            #expect(first == second)
        }
    }

    /// The rotation search alone finds the ladder's rotation: the six on X, the five from X to Y,
    /// the four from Y to Z, the three from Z to the free W, one displaced booking at a time.
    @Test func theRotationSearchAloneFindsALadderRotation() {
        let day = DayState(floor: Self.ladder, date: Self.date, bookings: [
            Self.booking("b1", "X", party: 5), Self.booking("b2", "Y", party: 4), Self.booking("b3", "Z", party: 3),
        ])
        let query = SeatingQuery(date: Self.date, time: 19 * 60, party: 6)
        let plan = Reshuffle.decide(floor: Self.ladder, day: day, query: query, limits: Self.rotationOnly).plan
        #expect(plan?.placement.tables == ["X"])
        #expect(plan?.moves == [
            Reshuffle.Move(booking: "b1", from: ["X"], to: ["Y"]), Reshuffle.Move(booking: "b2", from: ["Y"], to: ["Z"]),
            Reshuffle.Move(booking: "b3", from: ["Z"], to: ["W"]),
        ])
        // Three options tried are not enough: the six's own, then the five's, the four's, the three's.
        var short = Self.rotationOnly
        short.rotationBudget = 3
        #expect(Reshuffle.decide(floor: Self.ladder, day: day, query: query, limits: short) == .undecided)
    }

    /// The rotation search alone (no chain or complete search, no integer program): on small random
    /// floors every plan it finds keeps every rule, it finds none where brute force finds none, and
    /// it finds most of those brute force finds.
    @Test func theRotationSearchAloneOnlyFindsRealPlans() {
        var rng = SeededRandom(seed: 53)
        var found = 0, exist = 0, multi = 0
        for index in 0..<3_000 {
            let instance = RandomFloor(rng: &rng, identical: index % 2 == 0)
            guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: instance.floor, day: instance.day, query: instance.query),
                  Reshuffle.canHelp(reason) else { continue }
            let exists = BruteForceReassignment.exists(floor: instance.floor, day: instance.day, query: instance.query)
            exist += exists ? 1 : 0
            guard let plan = Reshuffle.decide(floor: instance.floor, day: instance.day, query: instance.query,
                                              limits: Self.rotationOnly).plan else { continue }
            found += 1
            multi += plan.moves.count > 1 ? 1 : 0
            #expect(exists, "a plan where brute force has none: \(instance)")
            #expect(BruteForceReassignment.keepsEveryRule(floor: instance.floor, day: instance.day, query: instance.query, plan: plan))
        }
        #expect(found * 10 >= exist * 8 && multi >= 5, "coverage: \(found) found of \(exist), \(multi) multi-move")
    }

    static let rotationOnly = Reshuffle.Limits(timeLimitMilliseconds: 0, searchBudget: 0, exactBudget: 0, rotationBudget: 5_000,
                                               clashOrderBudget: 0)

    /// Exact against brute force: on small random floors (combinations, count and table holds,
    /// blocks, locked bookings, online and host), a plan exists exactly when `find` returns one,
    /// and every plan it returns keeps every rule.
    @Test func findsAPlanExactlyWhenBruteForceDoes() {
        agreesWithBruteForce(seed: 2026, instances: 2_000, identical: false)
    }

    /// Floors where most tables have twins: the searches choose pools of identical tables and give
    /// tables at the end, and must still agree with brute force table by table.
    @Test func findsAPlanExactlyWhenBruteForceDoesOnIdenticalTables() {
        agreesWithBruteForce(seed: 7, instances: 1_500, identical: true)
    }

    /// The complete search alone (no chain search, no integer program, so no clock): on small
    /// floors it decides every case within its budget, and agrees with brute force on each.
    @Test func theCompleteSearchAloneDecidesExactlyAsBruteForce() {
        let exactOnly = Reshuffle.Limits(timeLimitMilliseconds: 0, searchBudget: 0, exactBudget: 2_000, rotationBudget: 0,
                                         clashOrderBudget: 0)
        agreesWithBruteForce(seed: 31, instances: 2_000, identical: false, limits: exactOnly)
        agreesWithBruteForce(seed: 32, instances: 1_500, identical: true, limits: exactOnly)
    }

    /// The complete search alone in its second order (fewest clashes first), likewise: complete
    /// whatever the order of the options.
    @Test func theCompleteSearchInFewestClashesOrderAloneDecidesExactlyAsBruteForce() {
        let clashOrderOnly = Reshuffle.Limits(timeLimitMilliseconds: 0, searchBudget: 0, exactBudget: 0, rotationBudget: 0,
                                              clashOrderBudget: 2_000)
        agreesWithBruteForce(seed: 33, instances: 2_000, identical: false, limits: clashOrderOnly)
        agreesWithBruteForce(seed: 34, instances: 1_500, identical: true, limits: clashOrderOnly)
    }

    /// A planner keeps what its questions compute of the day (`WholeDayMemo`) between them: asked
    /// time after time, every party size, on random floors, it must answer exactly as `find` alone.
    @Test func aPlannerAnswersEveryTimeOfItsDayAsFindAloneDoes() {
        var rng = SeededRandom(seed: 41)
        let limits = Reshuffle.Limits(timeLimitMilliseconds: 0, searchBudget: 200, exactBudget: 500)
        var asked = 0, planned = 0
        for _ in 0..<300 {
            let instance = RandomFloor(rng: &rng, identical: Bool.random(using: &rng))
            let planner = Reshuffle.planner(floor: instance.floor, day: instance.day, limits: limits)
            for time in stride(from: 18 * 60, through: 21 * 60, by: 15) {
                for party in [instance.query.party, 2, 4] {
                    let query = SeatingQuery(date: instance.query.date, time: time, party: party, channel: instance.query.channel)
                    guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: instance.floor, day: instance.day, query: query),
                          Reshuffle.canHelp(reason) else { continue }
                    asked += 1
                    let alone = Reshuffle.find(floor: instance.floor, day: instance.day, query: query, limits: limits)
                    #expect(planner(query) == alone, "\(instance) at \(time) for \(party)")
                    #expect(Reshuffle.isRuledOut(floor: instance.floor, day: instance.day, query: query) ? alone == nil : true)
                    planned += alone == nil ? 0 : 1
                }
            }
        }
        #expect(asked >= 500 && planned >= 50, "coverage: \(asked) asked, \(planned) planned")
    }

    /// A memo that follows a day from version to version (`WholeDayMemo.advance(to:)`, through
    /// `Reshuffle.decider(floor:day:limits:memo:)`): after each book (a booking added where greedy
    /// seats it: the memo takes it into its component), cancel (by status, as the service does, or
    /// the booking removed: the memo starts again), every question is answered exactly as `decide`
    /// answers it with nothing kept.
    @Test func aMemoCarriedFromVersionToVersionAnswersAsDecideAlone() {
        var rng = SeededRandom(seed: 43)
        let limits = Reshuffle.Limits(timeLimitMilliseconds: 0, searchBudget: 200, exactBudget: 500)
        var asked = 0, planned = 0, booked = 0, cancels = 0
        for _ in 0..<150 {
            let instance = RandomFloor(rng: &rng, identical: Bool.random(using: &rng))
            let floor = instance.floor
            var day = instance.day
            let memo = WholeDayMemo()
            for step in 0..<8 {
                let decider = Reshuffle.decider(floor: floor, day: day, limits: limits, memo: memo)
                var seatable: [(slot: Slot, party: Int)] = []
                for time in stride(from: 18 * 60, through: 21 * 60, by: 30) {
                    for party in [2, 4, instance.query.party] {
                        let query = SeatingQuery(date: instance.query.date, time: time, party: party, channel: instance.query.channel)
                        switch SlotEvaluator.evaluate(floor: floor, day: day, query: query) {
                        case .offer(let slot): seatable.append((slot, party))
                        case .refuse(let reason) where Reshuffle.canHelp(reason):
                            asked += 1
                            let alone = Reshuffle.decide(floor: floor, day: day, query: query, limits: limits)
                            #expect(decider(query) == alone, "\(instance), step \(step), \(time) for \(party)")
                            planned += alone.plan == nil ? 0 : 1
                        case .refuse: break
                        }
                    }
                }
                // Mostly a book where greedy seats someone; now and then a cancel.
                if let (slot, party) = seatable.randomElement(using: &rng), Int.random(in: 0...4, using: &rng) > 0 {
                    day.upsert(Booking(id: "n\(step)", restaurant: floor.layout.restaurant, date: day.date, start: slot.time,
                                       duration: slot.duration, party: party, tables: slot.tables))
                    booked += 1
                } else if let id = day.bookings.keys.sorted().randomElement(using: &rng) {
                    // A cancel as the service makes it (the record stays, taking no tables), or the booking gone.
                    if var cancelled = day.bookings[id], cancelled.status == .booked, Bool.random(using: &rng) {
                        cancelled.status = .cancelled
                        day.upsert(cancelled)
                        cancels += 1
                    } else {
                        day.remove(id)
                    }
                }
            }
        }
        #expect(asked >= 1_000 && planned >= 100 && booked >= 300 && cancels >= 50,
                "coverage: \(asked) asked, \(planned) planned, \(booked) booked, \(cancels) cancelled")
    }

    private func agreesWithBruteForce(seed: UInt64, instances: Int, identical: Bool, limits: Reshuffle.Limits = .unhurried) {
        var rng = SeededRandom(seed: seed)
        var feasible = 0, infeasible = 0, moved = 0
        for _ in 0..<instances {
            let instance = RandomFloor(rng: &rng, identical: identical)
            guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: instance.floor, day: instance.day, query: instance.query),
                  Reshuffle.canHelp(reason) else { continue }
            let exists = BruteForceReassignment.exists(floor: instance.floor, day: instance.day, query: instance.query)
            let plan = Reshuffle.find(floor: instance.floor, day: instance.day, query: instance.query,
                                      limits: limits)
            #expect((plan != nil) == exists, "brute force says \(exists): \(instance)")
            if let plan {
                #expect(BruteForceReassignment.keepsEveryRule(floor: instance.floor, day: instance.day, query: instance.query, plan: plan))
                moved += plan.moves.count > 1 ? 1 : 0
            }
            if exists { feasible += 1 } else { infeasible += 1 }
        }
        #expect(feasible >= 20 && infeasible >= 20 && moved >= 5, "coverage: \(feasible) feasible, \(infeasible) not, \(moved) multi-move")
    }
}
