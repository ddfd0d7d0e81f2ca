import Seating
import Testing

@Suite struct GreedyBestFitTests {
    let floor = TestFloors.floor()

    func choose(_ day: DayState, party: Int, from: Int, to: Int, area: String? = nil, tags: [String] = [],
                channel: Booking.Channel = .online) -> String? {
        GreedyBestFit.choose(floor: floor, day: day, party: party, from: from, to: to, area: area, tags: tags, channel: channel)
            .unit.map { floor.units[$0].id }
    }

    var empty: DayState { DayState(floor: floor, date: TestFloors.saturday, bookings: []) }

    @Test func singleTableBeforeCombination() {
        // Party of 4: C (single, waste 0) before A+B (combination, waste 0).
        #expect(choose(empty, party: 4, from: 19.h, to: 20.h) == "C")
    }

    @Test func leastWasteBeforePreferences() {
        // Party of 2 wanting the patio: a two-top (waste 0) still beats patio four-top C (waste 2).
        #expect(choose(empty, party: 2, from: 19.h, to: 20.h, area: "patio") == "A")
    }

    @Test func preferencesBreakWasteTies() {
        #expect(choose(empty, party: 2, from: 19.h, to: 20.h, tags: ["window"]) == "A")
        let day = DayState(floor: floor, date: TestFloors.saturday, bookings: [TestFloors.booking("x", ["A"], start: 19.h, duration: 60)])
        #expect(choose(day, party: 2, from: 19.h, to: 20.h, tags: ["window"]) == "B")
    }

    @Test func tightestFitInTimeBreaksRemainingTies() {
        // A has a booking ending at 19:00; B is empty all night. A 19:00 party fills A's gap exactly.
        let day = DayState(floor: floor, date: TestFloors.saturday, bookings: [TestFloors.booking("x", ["A"], start: 18.h, duration: 60)])
        #expect(choose(day, party: 2, from: 19.h, to: 20.h) == "A")
        let other = DayState(floor: floor, date: TestFloors.saturday, bookings: [TestFloors.booking("x", ["B"], start: 18.h, duration: 60)])
        #expect(choose(other, party: 2, from: 19.h, to: 20.h) == "B")
    }

    @Test func walkInOnlyTablesAreOnlyPickedForWalkIns() {
        let day = DayState(floor: floor, date: TestFloors.saturday, bookings: [
            TestFloors.booking("a", ["A"], start: 19.h, duration: 60), TestFloors.booking("b", ["B"], start: 19.h, duration: 60),
        ])
        #expect(choose(day, party: 2, from: 19.h, to: 20.h) == "C")
        #expect(choose(day, party: 2, from: 19.h, to: 20.h, channel: .host) == "C", "a host must name X to get it")
        #expect(choose(day, party: 2, from: 19.h, to: 20.h, channel: .walkIn) == "X")
    }

    @Test func memberBookingBlocksCombination() {
        let day = DayState(floor: floor, date: TestFloors.saturday, bookings: [
            TestFloors.booking("a", ["A"], start: 19.h, duration: 60), TestFloors.booking("c", ["C"], start: 19.h, duration: 60, party: 4),
        ])
        #expect(choose(day, party: 4, from: 19.h, to: 20.h) == "D")
        let full = DayState(floor: floor, date: TestFloors.saturday, bookings: [
            TestFloors.booking("a", ["A"], start: 19.h, duration: 60), TestFloors.booking("c", ["C"], start: 19.h, duration: 60, party: 4),
            TestFloors.booking("d", ["D"], start: 19.h, duration: 60, party: 5),
        ])
        #expect(choose(full, party: 4, from: 19.h, to: 20.h) == nil)
    }
}
