import Seating
import Testing

@Suite struct AvailabilityTests {
    func search(_ floor: Floor = TestFloors.floor(), bookings: [Booking] = [], date: ServiceDate = TestFloors.saturday,
                time: Int, party: Int, channel: Booking.Channel = .online, before: Int = 90, after: Int = 90,
                limit: Int = 5, duration: Int? = nil) -> AvailabilityAnswer {
        let day = DayState(floor: floor, date: date, bookings: bookings)
        let query = SeatingQuery(date: date, time: time, party: party, duration: duration, channel: channel)
        return AvailabilitySearch.search(floor: floor, day: day,
                                         request: AvailabilityRequest(query: query, before: before, after: after, limit: limit))
    }

    @Test func nearestFirstEarlierOnTies() {
        let answer = search(time: 19.h, party: 2)
        #expect(answer.slots.map(\.time) == [19.h, 18.h + 45, 19.h + 15, 18.h + 30, 19.h + 30])
        #expect(answer.requested.reason == .available)
        #expect(answer.duration == 75, "Saturday 19:00 override")
    }

    @Test func offGridRequestIsClosedButNeighboursAreOffered() {
        let answer = search(time: 19.h + 7, party: 2, limit: 2)
        #expect(answer.requested.reason == .closed)
        #expect(answer.slots.map(\.time) == [19.h, 19.h + 15])
    }

    @Test func windowAndLimitAreHonoured() {
        let answer = search(time: 19.h, party: 2, before: 0, after: 30, limit: 10)
        #expect(answer.slots.map(\.time) == [19.h, 19.h + 15, 19.h + 30])
    }

    @Test func reasonsForTheAskedTime() {
        #expect(search(time: 19.h, party: 7).requested.reason == .partyTooLarge)
        #expect(search(time: 19.h, party: 7).slots.isEmpty)
        #expect(search(date: TestFloors.monday, time: 19.h, party: 2).requested.reason == .closed)
        // The late service takes parties up to 4 online; 23:00 is only on the late grid.
        #expect(search(time: 23.h, party: 5).requested.reason == .partySizeNotAccepted)
        #expect(search(time: 23.h, party: 5, channel: .host).requested.reason == .available)
        // Dinner ends 23:30: a 22:00 party of 6 (120 min) would end 24:00.
        #expect(search(time: 22.h, party: 6).requested.reason == .closed)
        #expect(search(time: 22.h, party: 6, channel: .host).requested.reason == .available)
        let blocked = TestFloors.floor(blocks: [Block(tables: ["D"], date: TestFloors.saturday, from: 18.h, to: 23.h)])
        #expect(search(blocked, time: 19.h, party: 6).requested.reason == .blocked)
        let full = [TestFloors.booking("d", ["D"], start: 18.h, duration: 240, party: 6)]
        #expect(search(bookings: full, time: 19.h, party: 6).requested.reason == .noTable)
    }

    @Test func servicesPastMidnight() {
        let answer = search(time: 24.h + 15, party: 2, before: 30, after: 30)
        #expect(answer.slots.map(\.time) == [24.h + 15, 24.h, 24.h + 30, 23.h + 45])
    }

    @Test func requestDurationWinsAndBufferApplies() {
        let floor = TestFloors.floor(buffer: 15)
        // D busy 18:00-19:00 (+15 buffer = 19:15). A party of 6 with 30 minutes fits only from 19:15.
        let answer = search(floor, bookings: [TestFloors.booking("d", ["D"], start: 18.h, duration: 60, party: 6)],
                            time: 19.h, party: 6, after: 30, limit: 1, duration: 30)
        #expect(answer.requested.reason == .noTable)
        #expect(answer.slots.first?.time == 19.h + 15)
        #expect(answer.slots.first?.duration == 30)
    }

    @Test func sameInputSameAnswer() {
        let bookings = [TestFloors.booking("a", ["A"], start: 19.h, duration: 75)]
        #expect(search(bookings: bookings, time: 19.h, party: 2) == search(bookings: bookings, time: 19.h, party: 2))
    }
}
