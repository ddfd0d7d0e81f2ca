import Seating
import Testing

@Suite struct ReservationsTests {
    let floor = TestFloors.floor()
    let saturday = TestFloors.saturday

    func day(_ bookings: [Booking] = []) -> DayState { DayState(floor: floor, date: saturday, bookings: bookings) }

    @Test func placesWithGreedyBestFit() throws {
        let placement = try Reservations.place(floor: floor, day: day(), query: SeatingQuery(date: saturday, time: 19.h, party: 4), pinned: nil).get()
        #expect(placement.tables == ["C"])
        #expect(placement.duration == 150)
    }

    @Test func noCapacityCarriesAlternatives() {
        // D (the only six-seat table) is busy 18:00-19:30; the nearest six-seat times follow it.
        let busy = day([TestFloors.booking("d", ["D"], start: 18.h, duration: 90, party: 6)])
        let result = Reservations.place(floor: floor, day: busy, query: SeatingQuery(date: saturday, time: 19.h, party: 6), pinned: nil)
        guard case .failure(.noCapacity(let reason, let alternatives)) = result else {
            Issue.record("expected no_capacity, got \(result)")
            return
        }
        #expect(reason == .noTable)
        #expect(alternatives.map(\.time) == [19.h + 30, 19.h + 45, 20.h, 20.h + 15, 20.h + 30])
        #expect(alternatives.allSatisfy { $0.tables == ["D"] })
    }

    @Test func pinnedTablesAreCheckedNotReplaced() {
        let query = SeatingQuery(date: saturday, time: 19.h, party: 2, channel: .host)
        #expect((try? Reservations.place(floor: floor, day: day(), query: query, pinned: ["X"]).get().tables) == ["X"])
        #expect(Reservations.place(floor: floor, day: day(), query: query, pinned: ["Q"]) == .failure(.invalidTables(index: 0, message: "unknown table \"Q\"")))
        if case .failure(.invalidTables(nil, _)) = Reservations.place(floor: floor, day: day(), query: query, pinned: ["A", "C"]) {} else {
            Issue.record("A+C is not a combination")
        }
        var online = query
        online.channel = .online
        if case .failure(.invalidTables) = Reservations.place(floor: floor, day: day(), query: online, pinned: ["X"]) {} else {
            Issue.record("walk-in-only table must not take an online booking")
        }
        let busy = day([TestFloors.booking("a", ["A"], start: 18.h + 30, duration: 60)])
        if case .failure(.noCapacity) = Reservations.place(floor: floor, day: busy, query: query, pinned: ["A"]) {} else {
            Issue.record("pinned busy table must be refused")
        }
    }

    @Test func modifyKeepsTablesWhenTheyStillWork() throws {
        let booking = TestFloors.booking("b", ["B"], start: 19.h, duration: 75)
        var target = day([booking])
        target.remove("b")
        let moved = try Reservations.modify(floor: floor, targetDay: target, booking: booking,
                                            change: BookingChange(time: 19.h + 30)).get().booking
        #expect(moved.tables == ["B"], "B is still free and fits: it is kept even though A ranks first")
        #expect(moved.start == 19.h + 30)
        let bigger = try Reservations.modify(floor: floor, targetDay: target, booking: booking, change: BookingChange(party: 4)).get().booking
        #expect(bigger.tables == ["C"])
        #expect(bigger.duration == 150, "derived duration follows the new party size")
    }

    @Test func modifyIsAllOrNothing() {
        let booking = TestFloors.booking("b", ["B"], start: 19.h, duration: 75)
        let result = Reservations.modify(floor: floor, targetDay: day(), booking: booking, change: BookingChange(party: 9, notes: "x"))
        guard case .failure(.partyTooLarge) = result else {
            Issue.record("expected party_too_large, got \(result)")
            return
        }
    }

    @Test func cancelIsIdempotentAndGuarded() throws {
        let booking = TestFloors.booking("b", ["B"], start: 19.h, duration: 75)
        let cancelled = try Reservations.cancel(booking).get()
        #expect(cancelled.status == .cancelled)
        #expect(try Reservations.cancel(cancelled).get() == cancelled)
        var seated = booking
        seated.status = .seated
        if case .failure(.invalidState) = Reservations.cancel(seated) {} else { Issue.record("seated cannot be cancelled") }
        if case .failure(.invalidState) = Reservations.modify(floor: floor, targetDay: day(), booking: cancelled, change: BookingChange(party: 2)) {} else {
            Issue.record("cancelled cannot be modified")
        }
    }
}
