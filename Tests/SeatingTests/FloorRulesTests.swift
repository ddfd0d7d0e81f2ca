import Seating
import Testing

/// Pacing and holds at their edges (issue: service-floor rules).
@Suite struct FloorRulesTests {
    static let friday = ServiceDate("2026-11-20")!

    /// Three two-tops and a four-top in the main room (M1-M4), two walk-in-only bar tables, dinner 18:00-22:00.
    static func layout(pacing: Pacing? = nil, holds: [Hold] = [], buffer: Int = 0, first: Int = 18 * 60) -> Layout {
        Layout(
            restaurant: "rules", bufferMinutes: buffer,
            tables: [
                Table(id: "M1", max: 2), Table(id: "M2", max: 2), Table(id: "M3", max: 2), Table(id: "M4", max: 4),
                Table(id: "B1", max: 2, area: "bar", reservable: false), Table(id: "B2", max: 2, area: "bar", reservable: false),
            ],
            turnTimes: TurnTimes(bands: [.init(minutes: 60)]),
            services: [Service(name: "dinner", first: first, last: 22 * 60, pacing: pacing)],
            holds: holds)
    }

    static func booking(_ id: String, _ table: String, start: Int, party: Int = 2, duration: Int = 60,
                        channel: Booking.Channel = .online, status: Booking.Status = .booked) -> Booking {
        Booking(id: id, restaurant: "rules", date: friday, start: start, duration: duration, party: party, tables: [table],
                status: status, channel: channel)
    }

    func reason(_ layout: Layout, _ bookings: [Booking], at time: Int, party: Int = 2,
                channel: Booking.Channel = .online) -> SlotReason {
        let floor = try! Floor(layout)
        let day = DayState(floor: floor, date: Self.friday, bookings: bookings)
        let query = SeatingQuery(date: Self.friday, time: time, party: party, channel: channel)
        switch SlotEvaluator.evaluate(floor: floor, day: day, query: query) {
        case .offer: return .available
        case .refuse(let why): return why
        }
    }

    // MARK: Pacing

    @Test func pacingBucketsAreAlignedToFirstSeatingAndHalfOpen() {
        let layout = Self.layout(pacing: Pacing(intervalMinutes: 30, maxParties: 1), first: 18 * 60 + 15)
        let existing = [Self.booking("a", "M1", start: 19 * 60 + 15)]  // bucket 19:15-19:44
        #expect(reason(layout, existing, at: 19 * 60 + 30) == .pacingLimit)
        #expect(reason(layout, existing, at: 19 * 60 + 45) == .available, "next bucket starts at 19:45")
        #expect(reason(layout, existing, at: 19 * 60) == .available, "previous bucket ends at 19:14")
    }

    @Test func pacingCountsCoversAndParties() {
        let covers = Self.layout(pacing: Pacing(intervalMinutes: 15, maxCovers: 5))
        let three = [Self.booking("a", "M4", start: 19 * 60, party: 3)]
        #expect(reason(covers, three, at: 19 * 60, party: 2) == .available, "3 + 2 = 5 covers")
        #expect(reason(covers, three, at: 19 * 60, party: 3) == .pacingLimit, "3 + 3 > 5")
    }

    @Test func pacingCountsOnlineAndHostBookingsThatHappened() {
        let layout = Self.layout(pacing: Pacing(intervalMinutes: 15, maxParties: 1))
        #expect(reason(layout, [Self.booking("h", "M1", start: 19 * 60, channel: .host)], at: 19 * 60) == .pacingLimit)
        #expect(reason(layout, [Self.booking("f", "M1", start: 19 * 60, status: .finished)], at: 19 * 60) == .pacingLimit)
        #expect(reason(layout, [Self.booking("w", "M1", start: 19 * 60, channel: .walkIn, status: .seated)], at: 19 * 60) == .available)
        #expect(reason(layout, [Self.booking("c", "M1", start: 19 * 60, status: .cancelled)], at: 19 * 60) == .available)
        #expect(reason(layout, [Self.booking("n", "M1", start: 19 * 60, status: .noShow)], at: 19 * 60) == .available)
    }

    @Test func hostAndWalkInsMayExceedPacing() {
        let layout = Self.layout(pacing: Pacing(intervalMinutes: 15, maxParties: 1))
        let existing = [Self.booking("a", "M1", start: 19 * 60)]
        #expect(reason(layout, existing, at: 19 * 60, channel: .host) == .available)
        #expect(reason(layout, existing, at: 19 * 60, channel: .walkIn) == .available)
    }

    // MARK: Table holds

    static let barHold = Hold(name: "bar walk-ins", kind: .tables(["M1", "M2", "M3"]), days: [.fri], from: 19 * 60, to: 21 * 60)

    @Test func tableHoldKeepsReservationsOffItsWindow() {
        let layout = Self.layout(holds: [Self.barHold])
        // Occupying M4 at 19:00 leaves only held two-tops (M4 is a four-top, also fits 2: waste).
        let m4busy = [Self.booking("x", "M4", start: 19 * 60)]
        #expect(reason(layout, m4busy, at: 19 * 60) == .heldForWalkIns)
        #expect(reason(layout, m4busy, at: 19 * 60, channel: .host) == .heldForWalkIns, "table holds bind host reservations")
        #expect(reason(layout, m4busy, at: 19 * 60, channel: .walkIn) == .available)
    }

    @Test func holdEndingExactlyWhenBookingStartsDoesNotBind() {
        let layout = Self.layout(holds: [Hold(name: "early", kind: .tables(["M1", "M2", "M3", "M4"]), from: 18 * 60, to: 19 * 60)])
        #expect(reason(layout, [], at: 19 * 60) == .available, "[18:00, 19:00) and [19:00, 20:00) touch")
        #expect(reason(layout, [], at: 18 * 60 + 45) == .heldForWalkIns)
    }

    @Test func bufferReachingIntoHoldWindowBinds() {
        let hold = Hold(name: "late", kind: .tables(["M1", "M2", "M3", "M4"]), from: 20 * 60, to: 22 * 60)
        #expect(reason(Self.layout(holds: [hold]), [], at: 19 * 60) == .available, "19:00-20:00 touches 20:00")
        #expect(reason(Self.layout(holds: [hold], buffer: 10), [], at: 19 * 60) == .heldForWalkIns, "buffer runs to 20:10")
    }

    @Test func holdsApplyOnlyOnTheirDays() {
        var hold = Self.barHold
        hold.days = [.sat]
        let layout = Self.layout(holds: [hold])
        #expect(reason(layout, [Self.booking("x", "M4", start: 19 * 60)], at: 19 * 60) == .available)
    }

    // MARK: Count holds

    static let keepTwo = Hold(name: "prime-time buffer", kind: .count(2, area: "main", minCapacity: 2, maxCapacity: 2),
                              from: 19 * 60, to: 20 * 60 + 30)

    @Test func countHoldWithExactlyCountFreeTablesRefusesOnline() {
        let layout = Self.layout(holds: [Self.keepTwo])
        // Matching tables: M1, M2, M3 (main, max 2). M1 taken: exactly 2 free -> no online booking on them.
        let one = [Self.booking("a", "M1", start: 19 * 60)]
        let floor = try! Floor(layout)
        let day = DayState(floor: floor, date: Self.friday, bookings: one)
        for table in ["M2", "M3"] {
            let unit = floor.tableIndex[table]!
            #expect(UnitRules.verdict(floor: floor, day: day, unit: unit, party: 2, from: 19 * 60, to: 20 * 60, channel: .online).heldBy == "prime-time buffer")
            #expect(UnitRules.verdict(floor: floor, day: day, unit: unit, party: 2, from: 19 * 60, to: 20 * 60, channel: .host).heldBy == nil)
        }
        // M4 does not match (max 4): the online party gets it, wasting two seats rather than the held capacity.
        let answer = AvailabilitySearch.search(floor: floor, day: day, request: AvailabilityRequest(
            query: SeatingQuery(date: Self.friday, time: 19 * 60, party: 2), before: 0, after: 0))
        #expect(answer.slots.first?.tables == ["M4"])
        // With nothing taken, 3 are free: one online booking may take one of them.
        let empty = DayState(floor: floor, date: Self.friday, bookings: [])
        #expect(UnitRules.verdict(floor: floor, day: empty, unit: 0, party: 2, from: 19 * 60, to: 20 * 60, channel: .online).heldBy == nil)
    }

    @Test func countHoldIsCheckedAtEveryMinuteNotJustOverall() {
        let layout = Self.layout(holds: [Self.keepTwo])
        let floor = try! Floor(layout)
        // M2 is busy 18:00-19:30, M3 busy 20:00-21:00: each is free for part of the window.
        let day = DayState(floor: floor, date: Self.friday, bookings: [
            Self.booking("a", "M2", start: 18 * 60, duration: 90), Self.booking("b", "M3", start: 20 * 60),
        ])
        // Taking M1 19:45-20:45: at 20:00 only M2 is free (M3 busy) -> below 2.
        #expect(UnitRules.verdict(floor: floor, day: day, unit: 0, party: 2, from: 19 * 60 + 45, to: 20 * 60 + 45, channel: .online).heldBy != nil)
        // Taking M1 19:30-19:59: M2 and M3 are both free throughout.
        #expect(UnitRules.verdict(floor: floor, day: day, unit: 0, party: 2, from: 19 * 60 + 30, to: 20 * 60, channel: .online).heldBy == nil)
        // Outside the window the hold does not apply at all.
        #expect(UnitRules.verdict(floor: floor, day: day, unit: 0, party: 2, from: 20 * 60 + 30, to: 21 * 60 + 30, channel: .online).heldBy == nil)
    }

    @Test func walkInsDoNotUseUpHeldCapacity() {
        let layout = Self.layout(holds: [Self.keepTwo])
        let floor = try! Floor(layout)
        let day = DayState(floor: floor, date: Self.friday, bookings: [
            Self.booking("w", "M2", start: 19 * 60, channel: .walkIn, status: .seated),
        ])
        // M2 holds a walk-in, which is what the hold is for: M2 still counts towards the two.
        #expect(UnitRules.verdict(floor: floor, day: day, unit: 0, party: 2, from: 19 * 60, to: 20 * 60, channel: .online).heldBy == nil)
    }

    // MARK: Reason order

    @Test func reasonsFollowTheDocumentedOrder() {
        let both = Self.layout(pacing: Pacing(intervalMinutes: 15, maxParties: 1), holds: [Self.barHold])
        let existing = [Self.booking("x", "M4", start: 19 * 60)]
        #expect(reason(both, existing, at: 19 * 60) == .pacingLimit, "pacing before holds")
        var blocked = Self.layout(holds: [Self.barHold])
        blocked.blocks = [Block(tables: ["M4"], date: Self.friday, from: 18 * 60, to: 22 * 60)]
        #expect(reason(blocked, [], at: 19 * 60) == .heldForWalkIns, "holds before blocks")
    }
}
