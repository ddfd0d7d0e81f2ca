import Seating
import Testing

@Suite struct LifecycleTests {
    let floor = TestFloors.floor(buffer: 10)
    let saturday = TestFloors.saturday

    func day(_ bookings: [Booking]) -> DayState { DayState(floor: floor, date: saturday, bookings: bookings) }

    @Test func seatAtArrivalKeepsTheTurnTimeAndLocks() throws {
        let booking = TestFloors.booking("b", ["C"], start: 19.h, duration: 90, party: 4)
        let seated = try Reservations.seat(floor: floor, day: day([]), booking: booking, arrival: 19.h + 10, tables: nil).get()
        #expect(seated.status == .seated)
        #expect(seated.start == 19.h + 10)
        #expect(seated.duration == 90)
        #expect(seated.locked)
    }

    @Test func aPartySeatedOffTheGridCanStillChangeItsSize() throws {
        let booking = TestFloors.booking("b", ["C"], start: 19.h, duration: 90, party: 2)
        let seated = try Reservations.seat(floor: floor, day: day([]), booking: booking, arrival: 19.h + 10, tables: nil).get()
        let three = try Reservations.modify(floor: floor, targetDay: day([]), booking: seated, change: BookingChange(party: 3)).get()
        #expect(three.booking.party == 3 && three.booking.start == 19.h + 10 && three.booking.tables == ["C"])
        let tooMany = Reservations.modify(floor: floor, targetDay: day([]), booking: seated, change: BookingChange(party: 6))
        guard case .failure(.invalidTables) = tooMany else {
            Issue.record("expected the seated tables to be judged, got \(tooMany)")
            return
        }
        let moved = try Reservations.modify(floor: floor, targetDay: day([]), booking: seated,
                                            change: BookingChange(party: 6, tables: ["D"])).get()
        #expect(moved.booking.tables == ["D"] && moved.booking.start == 19.h + 10)
    }

    @Test func lateArrivalThatWouldRunIntoTheNextPartyIsRefusedWithOtherTables() {
        let booking = TestFloors.booking("b", ["C"], start: 19.h, duration: 90, party: 4)
        let next = TestFloors.booking("n", ["C"], start: 20.h + 45, duration: 90, party: 4)
        let result = Reservations.seat(floor: floor, day: day([next]), booking: booking, arrival: 19.h + 30, tables: nil)
        guard case .failure(.noCapacity(_, let others)) = result else {
            Issue.record("expected no_capacity, got \(result)")
            return
        }
        #expect(others.map(\.tables) == [["D"], ["A", "B"]])
        #expect((try? Reservations.seat(floor: floor, day: day([next]), booking: booking, arrival: 19.h + 30, tables: ["D"]).get().tables) == ["D"])
    }

    @Test func seatGuardsItsTransitions() throws {
        var booking = TestFloors.booking("b", ["C"], start: 19.h, duration: 90, party: 4)
        booking.status = .cancelled
        if case .failure(.invalidState) = Reservations.seat(floor: floor, day: day([]), booking: booking, arrival: nil, tables: nil) {} else {
            Issue.record("a cancelled booking cannot be seated")
        }
        booking.status = .seated
        #expect(try Reservations.seat(floor: floor, day: day([]), booking: booking, arrival: nil, tables: nil).get() == booking)
    }

    @Test func earlyFinishFreesTablesLateFinishReportsOverruns() throws {
        var seated = TestFloors.booking("s", ["C"], start: 19.h, duration: 90, party: 4)
        seated.status = .seated
        let next = TestFloors.booking("n", ["C"], start: 20.h + 45, duration: 60, party: 2)
        let early = try Reservations.finish(floor: floor, day: day([next]), booking: seated, at: 20.h).get()
        #expect(early.booking.status == .finished)
        #expect(early.booking.end == 20.h)
        #expect(early.overruns.isEmpty)
        var after = day([next])
        after.upsert(early.booking)
        #expect(after.isFree(table: 2, from: 20.h + 10, to: 20.h + 45), "free from finish + buffer")
        let late = try Reservations.finish(floor: floor, day: day([next]), booking: seated, at: 20.h + 50).get()
        #expect(late.overruns == [Overrun(booking: "n", table: "C", startsAt: 20.h + 45)])
    }

    @Test func finishGuards() {
        let booked = TestFloors.booking("b", ["C"], start: 19.h, duration: 90, party: 4)
        if case .failure(.invalidState) = Reservations.finish(floor: floor, day: day([]), booking: booked, at: 20.h) {} else {
            Issue.record("finishing a booked (not seated) party is invalid")
        }
        var seated = booked
        seated.status = .seated
        if case .failure(.invalidField(field: "time", _)) = Reservations.finish(floor: floor, day: day([]), booking: seated, at: 19.h) {} else {
            Issue.record("a finish at the start is invalid")
        }
    }

    @Test func noShowOnlyFromBooked() throws {
        let booked = TestFloors.booking("b", ["C"], start: 19.h, duration: 90, party: 4)
        let gone = try Reservations.noShow(booked).get()
        #expect(gone.status == .noShow)
        #expect(try Reservations.noShow(gone).get() == gone)
        var seated = booked
        seated.status = .seated
        if case .failure(.invalidState) = Reservations.noShow(seated) {} else { Issue.record("a seated party is not a no-show") }
    }

    @Test func walkInNeverTakesATableABookedPartyNeedsLater() throws {
        // A and B (two-tops) are booked at 19:30; X (walk-in only) is free. A walk-in at 19:00 for
        // 60 minutes (+10 buffer) must not take A or B: it gets X.
        let bookings = [TestFloors.booking("a", ["A"], start: 19.h + 30, duration: 60), TestFloors.booking("b", ["B"], start: 19.h + 30, duration: 60)]
        let outcome = try Reservations.walkIn(floor: floor, day: day(bookings), time: 19.h, party: 2, duration: 60).get()
        guard case .seatNow(let placement) = outcome else {
            Issue.record("expected a seat, got \(outcome)")
            return
        }
        #expect(placement.tables == ["X"], "X (waste 0) ranks before C (waste 2); A and B are needed at 19:30")
    }

    @Test func walkInWaitIsTheEarliestFreeUnit() throws {
        // Every unit for 4 is busy until 20:00 (C) / 20:30 (D, A, B): the quote is 20:00 + buffer.
        let bookings = [
            TestFloors.booking("c", ["C"], start: 18.h + 30, duration: 90, party: 4),
            TestFloors.booking("d", ["D"], start: 19.h, duration: 90, party: 5),
            TestFloors.booking("a", ["A"], start: 19.h, duration: 90),
        ]
        let outcome = try Reservations.walkIn(floor: floor, day: day(bookings), time: 19.h, party: 4, duration: nil).get()
        guard case .wait(let readyAt, let placement) = outcome else {
            Issue.record("expected a wait, got \(outcome)")
            return
        }
        #expect(readyAt == 20.h + 10)
        #expect(placement.tables == ["C"])
    }

    @Test func walkInTooLargeOrNeverFree() throws {
        if case .failure(.partyTooLarge) = Reservations.walkIn(floor: floor, day: day([]), time: 19.h, party: 7, duration: nil) {} else {
            Issue.record("party of 7 fits nothing")
        }
        let allNight = [TestFloors.booking("d", ["D"], start: 18.h, duration: 29 * 60, party: 6)]
        #expect(try Reservations.walkIn(floor: floor, day: day(allNight), time: 19.h, party: 6, duration: nil).get() == .noTable)
    }
}
