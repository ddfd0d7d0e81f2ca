import Seating
import Testing

@Suite struct ReshuffleTests {
    static let date = ServiceDate("2026-11-17")!  // a Tuesday

    /// Two-tops T1, T2; four-tops F1, F2; dinner 18:00-22:00, 60-minute turns.
    static func floor(twoTops: Int = 2, fourTops: Int = 2) -> Floor {
        let tables = (1...twoTops).map { Table(id: "T\($0)", min: 1, max: 2) } + (1...fourTops).map { Table(id: "F\($0)", min: 1, max: 4) }
        return try! Floor(Layout(restaurant: "r", tables: tables, turnTimes: TurnTimes(bands: [.init(minutes: 60)]),
                                 services: [Service(name: "dinner", first: 18 * 60, last: 22 * 60)]))
    }

    static func booking(_ id: String, _ table: String, start: Int = 19 * 60, party: Int = 2, locked: Bool = false) -> Booking {
        Booking(id: id, restaurant: "r", date: date, start: start, duration: 60, party: party, tables: [table], locked: locked)
    }

    static func query(party: Int, at time: Int = 19 * 60) -> SeatingQuery { SeatingQuery(date: date, time: time, party: party) }

    @Test func movesATwoTopOffTheLastFourTop() {
        let floor = Self.floor(twoTops: 1, fourTops: 1)
        let day = DayState(floor: floor, date: Self.date, bookings: [Self.booking("b", "F1")])
        #expect(SlotEvaluator.evaluate(floor: floor, day: day, query: Self.query(party: 4)) == .refuse(.noTable), "greedy fails")
        let plan = Reshuffle.find(floor: floor, day: day, query: Self.query(party: 4), limits: .unhurried)
        #expect(plan?.placement.tables == ["F1"])
        #expect(plan?.moves == [Reshuffle.Move(booking: "b", from: ["F1"], to: ["T1"])])
    }

    @Test func movesAsFewBookingsAsPossible() {
        // F1 and F2 hold parties of 2; T1 is free, T2 is busy. Only one needs to move.
        let floor = Self.floor()
        let day = DayState(floor: floor, date: Self.date, bookings: [
            Self.booking("a", "F1"), Self.booking("b", "F2"), Self.booking("c", "T2"),
        ])
        let plan = Reshuffle.find(floor: floor, day: day, query: Self.query(party: 4), limits: .unhurried)
        #expect(plan?.moves.count == 1)
        #expect(plan?.moves.first?.to == ["T1"])
    }

    @Test func theIntegerProgramMovesTwoWhenOneIsNotEnough() {
        // F1 holds two couples (18:30 and 19:30) and F2 a party of four: a four at 19:00 needs F1,
        // and both couples must move (to T1 and T2). The one-move search cannot find this.
        let floor = Self.floor()
        let day = DayState(floor: floor, date: Self.date, bookings: [
            Self.booking("early", "F1", start: 18 * 60 + 30), Self.booking("late", "F1", start: 19 * 60 + 30),
            Self.booking("four", "F2", party: 4),
        ])
        #expect(Reshuffle.oneMove(floor: floor, day: day, query: Self.query(party: 4)) == nil)
        let plan = Reshuffle.find(floor: floor, day: day, query: Self.query(party: 4), limits: .unhurried)
        #expect(plan?.placement.tables == ["F1"])
        let moves = plan?.moves ?? []
        #expect(moves.count == 2)
        #expect(Set(moves.map(\.booking)) == ["early", "late"])
        #expect(Set(moves.flatMap(\.to)).isSubset(of: ["T1", "T2"]))
    }

    @Test func lockedBookingsNeverMove() {
        let floor = Self.floor(twoTops: 1, fourTops: 1)
        let day = DayState(floor: floor, date: Self.date, bookings: [Self.booking("b", "F1", locked: true)])
        #expect(Reshuffle.find(floor: floor, day: day, query: Self.query(party: 4), limits: .unhurried) == nil)
        var seated = Self.booking("s", "F1")
        seated.status = .seated
        #expect(Reshuffle.find(floor: floor, day: DayState(floor: floor, date: Self.date, bookings: [seated]), query: Self.query(party: 4), limits: .unhurried) == nil)
    }

    @Test func noPlanWhenNoneExists() {
        let floor = Self.floor()
        let day = DayState(floor: floor, date: Self.date, bookings: [
            Self.booking("a", "F1", party: 4), Self.booking("b", "F2", party: 3), Self.booking("c", "T1"), Self.booking("d", "T2"),
        ])
        #expect(Reshuffle.find(floor: floor, day: day, query: Self.query(party: 4), limits: .unhurried) == nil)
    }

    @Test func movesRespectTimeOverlapsOfTheMovedBooking() {
        // b (party 2, 18:30-19:30) sits on F1; T1 is busy 18:00-19:00, so b cannot go to T1, but
        // T2 is free: b moves to T2.
        let floor = Self.floor()
        let day = DayState(floor: floor, date: Self.date, bookings: [
            Self.booking("b", "F1", start: 18 * 60 + 30), Self.booking("t", "T1", start: 18 * 60), Self.booking("f", "F2", party: 4),
        ])
        let plan = Reshuffle.find(floor: floor, day: day, query: Self.query(party: 4), limits: .unhurried)
        #expect(plan?.moves == [Reshuffle.Move(booking: "b", from: ["F1"], to: ["T2"])])
    }

    @Test func aTinyTimeCapGivesUpCleanlyOrAnswersCorrectly() {
        // The two-move case (only the integer program solves it), padded with 40 busy two-tops and
        // 40 four-tops holding couples so the model is large, under a 1 ms cap: the answer is
        // either nothing or a valid plan, never a wrong one.
        let floor = Self.floor(twoTops: 42, fourTops: 41)
        var bookings = [
            Self.booking("early", "F1", start: 18 * 60 + 30), Self.booking("late", "F1", start: 19 * 60 + 30),
        ]
        for index in 3...42 { bookings.append(Self.booking("t\(index)", "T\(index)", start: 18 * 60, party: 2)) }
        for index in 2...41 { bookings.append(Self.booking("f\(index)", "F\(index)", party: 4)) }
        let day = DayState(floor: floor, date: Self.date, bookings: bookings)
        #expect(Reshuffle.oneMove(floor: floor, day: day, query: Self.query(party: 4)) == nil, "the solver path is what runs")
        let plan = Reshuffle.find(floor: floor, day: day, query: Self.query(party: 4), limits: Reshuffle.Limits(timeLimitMilliseconds: 1))
        if let plan {
            #expect(plan.placement.tables == ["F1"])
            #expect(Set(plan.moves.map(\.booking)) == ["early", "late"])
            #expect(Set(plan.moves.flatMap(\.to)).isSubset(of: ["T1", "T2"]))
        }
        // With room to think, the same instance is solved.
        #expect(Reshuffle.find(floor: floor, day: day, query: Self.query(party: 4), limits: .unhurried)?.moves.count == 2)
    }
}
