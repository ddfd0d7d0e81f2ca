import Seating
import Testing

/// The booking window (`BookingWindowRule`): minimum notice and horizon online, today's past
/// minutes for hosts and walk-ins, service days past midnight, and nothing without a window.
@Suite struct BookingWindowTests {
    let saturday = TestFloors.saturday
    let sunday = ServiceDate("2026-11-22")!

    func floor(_ window: BookingWindow?) -> Floor {
        var layout = TestFloors.layout()
        layout.bookingWindow = window
        return try! Floor(layout)
    }

    func reason(_ floor: Floor, _ date: ServiceDate, _ time: Int, _ channel: Booking.Channel, now: LocalMoment) -> SlotReason {
        let query = SeatingQuery(date: date, time: time, party: 2, channel: channel, now: now)
        switch SlotEvaluator.evaluate(floor: floor, day: DayState(floor: floor, date: date, bookings: []), query: query) {
        case .offer: return .available
        case .refuse(let reason): return reason
        }
    }

    @Test func onlineNeedsTheNoticeAndStaysWithinTheHorizon() {
        let floor = floor(BookingWindow(minNoticeMinutes: 60, horizonDays: 7))
        let now = LocalMoment(date: saturday, minute: 18.h)
        #expect(reason(floor, saturday, 18.h, .online, now: LocalMoment(date: saturday, minute: 18.h + 1)) == .past)
        #expect(reason(floor, saturday, 18.h + 45, .online, now: now) == .shortNotice)
        #expect(reason(floor, saturday, 19.h, .online, now: now) == .available)
        let seventh = saturday.adding(days: 7)!, fortnight = saturday.adding(days: 14)!
        #expect(reason(floor, seventh, 19.h, .online, now: now) == .available)
        #expect(reason(floor, fortnight, 19.h, .online, now: now) == .beyondHorizon)
        // Hosts take the phone for any later day, and may enter a party that already sat today.
        #expect(reason(floor, fortnight, 19.h, .host, now: now) == .available)
        #expect(reason(floor, saturday, 18.h, .host, now: LocalMoment(date: saturday, minute: 20.h)) == .available)
    }

    @Test func aDayIsOverOnlyWhenItsServicesHaveEndedPastMidnight() {
        let floor = floor(BookingWindow())
        // Saturday's late service has its last seating at 24:30 and no end: it runs until the
        // last seating plus the longest turn (150 minutes), 27:00, Sunday 03:00.
        let sundayEarly = LocalMoment(date: sunday, minute: 40)
        #expect(!BookingWindowRule.isOver(floor: floor, date: saturday, now: sundayEarly))
        #expect(reason(floor, saturday, 23.h, .host, now: sundayEarly) == .available)
        #expect(reason(floor, saturday, 24.h + 30, .online, now: sundayEarly) == .past)
        #expect(reason(floor, saturday, 24.h + 30, .online, now: LocalMoment(date: sunday, minute: 10)) == .available)
        let sundayLate = LocalMoment(date: sunday, minute: 3.h)
        #expect(BookingWindowRule.isOver(floor: floor, date: saturday, now: sundayLate))
        #expect(reason(floor, saturday, 23.h, .host, now: sundayLate) == .past)
        // A Friday (dinner ends 23:30) is over at midnight.
        let friday = saturday.adding(days: -1)!
        #expect(BookingWindowRule.isOver(floor: floor, date: friday, now: LocalMoment(date: saturday, minute: 0)))
    }

    @Test func withoutAWindowOrWithoutNowEveryDateIsBookable() {
        let past = LocalMoment(date: ServiceDate("2030-01-01")!, minute: 12.h)
        #expect(reason(floor(nil), saturday, 19.h, .online, now: past) == .available)
        let query = SeatingQuery(date: saturday, time: 19.h, party: 2)
        let windowed = floor(BookingWindow(minNoticeMinutes: 0, horizonDays: 0))
        #expect(SlotEvaluator.evaluate(floor: windowed, day: DayState(floor: windowed, date: saturday, bookings: []), query: query)
            != .refuse(.past))
    }

    @Test func theWindowComesAfterClosedAndBeforeTheTables() {
        let floor = floor(BookingWindow(minNoticeMinutes: 0, horizonDays: 30))
        let now = LocalMoment(date: saturday, minute: 20.h)
        // 17:00 is no start time: closed wins.
        #expect(reason(floor, saturday, 17.h, .online, now: now) == .closed)
        // A full floor in the past: the window speaks first.
        let bookings = ["A", "B", "C", "D"].map { TestFloors.booking("b\($0)", [$0], start: 18.h, duration: 120) }
        let day = DayState(floor: floor, date: saturday, bookings: bookings)
        let query = SeatingQuery(date: saturday, time: 18.h + 30, party: 2, now: now)
        #expect(SlotEvaluator.evaluate(floor: floor, day: day, query: query) == .refuse(.past))
    }

    @Test func availabilityOffersNothingInsideTheNoticeAndBookRefusesWithLaterTimes() throws {
        let floor = floor(BookingWindow(minNoticeMinutes: 30, horizonDays: 30))
        let now = LocalMoment(date: saturday, minute: 19.h)
        let day = DayState(floor: floor, date: saturday, bookings: [])
        let query = SeatingQuery(date: saturday, time: 19.h, party: 2, now: now)
        let answer = AvailabilitySearch.search(floor: floor, day: day, request: AvailabilityRequest(query: query, before: 90, after: 90, limit: 20))
        #expect(answer.requested.reason == .shortNotice)
        #expect(!answer.slots.isEmpty)
        #expect(answer.slots.allSatisfy { $0.time >= 19.h + 30 })
        guard case .failure(.outsideWindow(.shortNotice, _, let later)) = Reservations.place(
            floor: floor, day: day, query: query.at(19.h + 15), pinned: nil) else {
            Issue.record("expected short_notice")
            return
        }
        #expect(!later.isEmpty && later.allSatisfy { $0.time >= 19.h + 30 })
    }

    @Test func walkInsMaySitTodayButNotOnADayThatIsOver() {
        let floor = floor(BookingWindow(minNoticeMinutes: 120, horizonDays: 0))
        let day = DayState(floor: floor, date: saturday, bookings: [])
        let today = LocalMoment(date: saturday, minute: 19.h + 5)
        #expect((try? Reservations.walkIn(floor: floor, day: day, time: 19.h, party: 2, duration: nil, now: today).get()) != nil)
        let monday = LocalMoment(date: saturday.adding(days: 2)!, minute: 12.h)
        guard case .failure(.outsideWindow(.past, _, _)) = Reservations.walkIn(
            floor: floor, day: day, time: 19.h, party: 2, duration: nil, now: monday) else {
            Issue.record("expected past")
            return
        }
    }

    @Test func aModifyIsJudgedOnlyWhenItMovesTheStart() throws {
        let floor = floor(BookingWindow(minNoticeMinutes: 60, horizonDays: 30))
        let booking = TestFloors.booking("b", ["C"], start: 19.h, duration: 90, party: 2)
        let day = DayState(floor: floor, date: saturday, bookings: [])
        let now = LocalMoment(date: saturday, minute: 18.h + 30)
        let bigger = try Reservations.modify(floor: floor, targetDay: day, booking: booking, change: BookingChange(party: 4), now: now).get()
        #expect(bigger.booking.party == 4)
        guard case .failure(.outsideWindow(.shortNotice, _, _)) = Reservations.modify(
            floor: floor, targetDay: day, booking: booking, change: BookingChange(time: 19.h + 15), now: now) else {
            Issue.record("expected short_notice")
            return
        }
        #expect((try? Reservations.modify(floor: floor, targetDay: day, booking: booking, change: BookingChange(time: 19.h + 30),
                                          now: now).get()) != nil)
    }
}
