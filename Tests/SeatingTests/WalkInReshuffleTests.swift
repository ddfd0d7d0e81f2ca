import Seating
import Testing

@Suite struct WalkInReshuffleTests {
    @Test func aWalkInIsSeatedByMovingAnUnlockedBooking() throws {
        // A couple is booked on the only four-top at 19:00; the two-top is free. A four walks in.
        let floor = ReshuffleTests.floor(twoTops: 1, fourTops: 1)
        let day = DayState(floor: floor, date: ReshuffleTests.date, bookings: [ReshuffleTests.booking("b", "F1")])
        let greedyOnly = try Reservations.walkIn(floor: floor, day: day, time: 19 * 60, party: 4, duration: nil).get()
        guard case .wait = greedyOnly else { Issue.record("without reshuffle the four waits, got \(greedyOnly)"); return }
        let outcome = try Reservations.walkIn(floor: floor, day: day, time: 19 * 60, party: 4, duration: nil,
                                              reshuffle: Reshuffle.planner(floor: floor, day: day, limits: .unhurried)).get()
        guard case .seatNow(let placement) = outcome else { Issue.record("expected a seat, got \(outcome)"); return }
        #expect(placement.tables == ["F1"])
        #expect(placement.moves == [Reshuffle.Move(booking: "b", from: ["F1"], to: ["T1"])])
    }
}
