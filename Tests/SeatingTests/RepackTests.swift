import Seating
import Testing

@Suite struct RepackTests {
    static let date = ReshuffleTests.date

    @Test func repackWastesFewerSeatsAndKeepsEveryBooking() {
        // Couples on both four-tops while the two-tops sit empty: repack moves them to the two-tops.
        let floor = ReshuffleTests.floor()
        let day = DayState(floor: floor, date: Self.date, bookings: [
            ReshuffleTests.booking("a", "F1"), ReshuffleTests.booking("b", "F2"),
        ])
        let result = Repack.optimize(floor: floor, day: day, from: nil)
        #expect(result.before == Repack.Figures(wastedSeats: 4, combinations: 0))
        #expect(result.after == Repack.Figures(wastedSeats: 0, combinations: 0))
        #expect(result.optimal)
        #expect(Set(result.moves.flatMap(\.to)) == ["T1", "T2"])
        var after = day
        for move in result.moves {
            var booking = after.bookings[move.booking]!
            booking.tables = move.to
            after.upsert(booking)
        }
        #expect(after.activeBookings.count == 2)
    }

    @Test func lockedSeatedAndEarlierBookingsStay() {
        let floor = ReshuffleTests.floor()
        var seated = ReshuffleTests.booking("s", "F1")
        seated.status = .seated
        let day = DayState(floor: floor, date: Self.date, bookings: [
            seated, ReshuffleTests.booking("l", "F2", locked: true), ReshuffleTests.booking("e", "T1", start: 18 * 60),
        ])
        let result = Repack.optimize(floor: floor, day: day, from: 19 * 60)
        #expect(result.moves.isEmpty)
        #expect(result.considered == 0)
    }

    @Test func smallMovesAreNotWorthAPenaltyWithoutGain() {
        // Everything already sits without waste: nothing moves.
        let floor = ReshuffleTests.floor()
        let day = DayState(floor: floor, date: Self.date, bookings: [ReshuffleTests.booking("a", "T1"), ReshuffleTests.booking("b", "F1", party: 4)])
        let result = Repack.optimize(floor: floor, day: day, from: nil)
        #expect(result.moves.isEmpty)
        #expect(result.before == result.after)
    }
}
