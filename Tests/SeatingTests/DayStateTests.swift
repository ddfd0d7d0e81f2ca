import Seating
import Testing

@Suite struct DayStateTests {
    let floor = TestFloors.floor(buffer: 10)

    @Test func occupancyIncludesBufferAndIsHalfOpen() {
        let day = DayState(floor: floor, date: TestFloors.saturday,
                           bookings: [TestFloors.booking("b1", ["A"], start: 18.h, duration: 60)])
        #expect(!day.isFree(table: 0, from: 19.h, to: 20.h), "buffer keeps A until 19:10")
        #expect(day.isFree(table: 0, from: 19.h + 10, to: 20.h), "touching intervals do not overlap")
        #expect(day.isFree(table: 0, from: 17.h, to: 18.h))
        #expect(day.isFree(table: 1, from: 18.h, to: 19.h))
    }

    @Test func combinationOccupiesEveryMember() {
        var day = DayState(floor: floor, date: TestFloors.saturday, bookings: [])
        day.upsert(TestFloors.booking("b1", ["A", "B"], start: 19.h, duration: 90, party: 4))
        #expect(!day.isFree(table: 0, from: 19.h, to: 20.h))
        #expect(!day.isFree(table: 1, from: 19.h, to: 20.h))
        day.upsert(TestFloors.booking("b1", ["A", "B"], start: 19.h, duration: 90, party: 4, status: .cancelled))
        #expect(day.isFree(table: 0, from: 19.h, to: 20.h), "cancelled bookings free their tables")
        #expect(day.bookings.count == 1)
    }

    @Test func neighbouringGapMeasuresFreeMinutesAround() {
        let day = DayState(floor: TestFloors.floor(), date: TestFloors.saturday, bookings: [
            TestFloors.booking("early", ["A"], start: 18.h, duration: 60),
            TestFloors.booking("late", ["A"], start: 21.h, duration: 60),
        ])
        #expect(day.neighbouringGap(table: 0, from: 19.h, to: 20.h + 30, cap: 1_000) == 30)
        #expect(day.neighbouringGap(table: 1, from: 19.h, to: 20.h, cap: 1_000) == 2_000)
    }
}
