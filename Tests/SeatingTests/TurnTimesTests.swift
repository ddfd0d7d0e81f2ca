import Seating
import Testing

@Suite struct TurnTimesTests {
    let turns = TestFloors.layout().turnTimes

    @Test func bandsByPartySize() {
        #expect(turns.minutes(party: 1, weekday: .tue, start: 19.h) == 60)
        #expect(turns.minutes(party: 2, weekday: .tue, start: 19.h) == 60)
        #expect(turns.minutes(party: 3, weekday: .tue, start: 19.h) == 90)
        #expect(turns.minutes(party: 12, weekday: .tue, start: 19.h) == 120)
    }

    @Test func overridesByWeekdayAndHalfOpenWindow() {
        #expect(turns.minutes(party: 2, weekday: .sat, start: 19.h) == 75)
        #expect(turns.minutes(party: 4, weekday: .sat, start: 19.h) == 150)
        #expect(turns.minutes(party: 4, weekday: .sat, start: 21.h) == 90, "window is [from, to)")
        #expect(turns.minutes(party: 4, weekday: .sat, start: 18.h + 45) == 90)
        #expect(turns.minutes(party: 4, weekday: .fri, start: 19.h) == 90)
    }
}
