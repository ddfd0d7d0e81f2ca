import MaitreJSON
import Seating
import SeatingService
import Testing

/// One test per point of PROTOCOL.md's "Settled semantics (v1.1)", through the protocol.
@Suite struct SettledSemanticsTests {
    /// Saturday 2026-11-21. Two two-tops (A, B), a four-top F, a walk-in-only bar stool X.
    /// Dinner 18:00-21:00 (end 22:30), parties 2-4 online; a late bar service with no `end`.
    static let layout = #"""
        {"restaurant":"s","tables":[{"id":"A","max":2},{"id":"B","max":2},{"id":"F","min":2,"max":4},
         {"id":"X","max":2,"reservable":false}],
         "turnTimes":[{"minutes":90}],
         "services":[{"name":"dinner","first":"18:00","last":"21:00","end":"22:30","minParty":2,"maxParty":4,
                      "pacing":{"intervalMinutes":15,"maxParties":1}},
                     {"name":"late","days":["sat"],"first":"23:00","last":"24:30"}]HOLDS}
        """#

    static func harness(holds: String = "") -> ServiceHarness {
        let harness = ServiceHarness()
        let text = layout.replacingOccurrences(of: "HOLDS", with: holds)
        let put = harness.send(#"{"op":"layout.put","layout":\#(text)}"#)
        #expect(put.ok, "\(put)")
        return harness
    }

    static func reason(_ harness: ServiceHarness, party: Int, at time: String, channel: String = "online") -> String? {
        harness.send(#"{"op":"availability","restaurant":"s","date":"2026-11-21","time":"\#(time)","party":\#(party),"channel":"\#(channel)","before":0,"after":0}"#)
            .result["requested"]?["reason"]?.stringValue
    }

    @discardableResult
    static func book(_ harness: ServiceHarness, party: Int, at time: String, key: String, channel: String = "online",
                     tables: String? = nil) -> JSONValue {
        let named = tables.map { #","tables":\#($0)"# } ?? ""
        return harness.send(#"{"op":"book","restaurant":"s","date":"2026-11-21","time":"\#(time)","party":\#(party),"channel":"\#(channel)","idempotencyKey":"\#(key)"\#(named)}"#)
    }

    @Test func refusalReasonsComeInTheSettledOrder() {
        let harness = Self.harness()
        // Too large beats closed; closed beats the service's party limits; those beat pacing.
        #expect(Self.reason(harness, party: 5, at: "03:00") == "party_too_large")
        #expect(Self.reason(harness, party: 1, at: "03:00") == "closed")
        #expect(Self.reason(harness, party: 1, at: "18:00") == "party_size_not_accepted")
        // An online booking that would end after the service's end is closed.
        let late = harness.send(#"{"op":"availability","restaurant":"s","date":"2026-11-21","time":"21:00","party":2,"duration":120,"before":0,"after":0}"#)
        #expect(late.result["requested"]?["reason"] == "closed")
        #expect(Self.book(harness, party: 2, at: "19:00", key: "first").ok)
        // Pacing (one party per 15 minutes) binds before any table question.
        #expect(Self.reason(harness, party: 2, at: "19:00") == "pacing_limit")
        #expect(Self.reason(harness, party: 2, at: "19:00", channel: "host") == "available")
    }

    @Test func tableReasonsOnlyWhenNoReassignmentSeatsTheParty() {
        let harness = Self.harness()
        // Two couples take the two-tops at 18:00; a third, at 18:30, gets the four-top F.
        for (key, time) in [("c1", "18:00"), ("c2", "18:00"), ("c3", "18:30")] {
            #expect(Self.book(harness, party: 2, at: time, key: key, channel: "host").ok)
        }
        // At 19:30 the two-tops are free again and F is not; the third couple cannot take a two-top
        // (busy until 19:30), but a first couple can swap with it: two moves, and the four sits.
        #expect(Self.reason(harness, party: 4, at: "19:30", channel: "host") == "available")
        let four = Self.book(harness, party: 4, at: "19:30", key: "four", channel: "host")
        #expect(four.result["booking"]?["tables"] == ["F"])
        #expect(four.result["moved"]?.arrayValue?.count == 2)
        // Nothing can move for a second four: a real refusal.
        #expect(Self.reason(harness, party: 4, at: "19:30", channel: "host") == "no_table")
    }

    @Test func onlineBookingsMayNotDeepenACountHoldHostsAlreadyBroke() {
        // Of the three two-seat tables (A, B and the bar's X), three must stay free of reservations.
        let harness = Self.harness(holds: #","holds":[{"name":"walk-ins","count":3,"maxCapacity":2,"from":"18:00","to":"22:00"}]"#)
        // Online: a couple cannot take A or B; F takes it.
        let online = Self.book(harness, party: 2, at: "19:00", key: "o1")
        #expect(online.result["booking"]?["tables"] == ["F"])
        // A host may break the hold...
        #expect(Self.book(harness, party: 2, at: "19:15", key: "h1", channel: "host", tables: #"["A"]"#).ok)
        // ...and online bookings still may not make it worse: nothing else seats a couple.
        #expect(Self.reason(harness, party: 2, at: "19:30") == "held_for_walk_ins")
        #expect(Self.reason(harness, party: 2, at: "19:30", channel: "host") == "available")
    }

    @Test func aBlockedTableIsNotFreeForACountHold() {
        // Two of the three two-seat tables must stay free; the bar's X is blocked all evening, so
        // only A and B are free: an online couple may take neither.
        let harness = Self.harness(holds: #","holds":[{"name":"walk-ins","count":2,"maxCapacity":2,"from":"18:00","to":"22:00"}],"blocks":[{"tables":["X"],"date":"2026-11-21"}]"#)
        #expect(Self.book(harness, party: 2, at: "19:00", key: "o1").result["booking"]?["tables"] == ["F"])
        #expect(Self.reason(harness, party: 2, at: "19:15") == "held_for_walk_ins")
        #expect(Self.reason(harness, party: 2, at: "19:15", channel: "host") == "available")
    }

    @Test func tableHoldsBindReservationsNotWalkIns() {
        let harness = Self.harness(holds: #","holds":[{"name":"window","tables":["A","B","F"],"from":"18:00","to":"22:00"}]"#)
        #expect(Self.reason(harness, party: 2, at: "19:00") == "held_for_walk_ins")
        #expect(Self.reason(harness, party: 2, at: "19:00", channel: "host") == "held_for_walk_ins")
        let walkIn = harness.send(#"{"op":"walkin","restaurant":"s","date":"2026-11-21","time":"19:00","party":4}"#)
        #expect(walkIn.result["seated"] == true)
        #expect(walkIn.result["booking"]?["tables"] == ["F"])
    }

    @Test func aBlockWithoutTimesCoversTheWholeServiceDayPastMidnight() {
        let harness = ServiceHarness()
        let layout = Self.layout.replacingOccurrences(of: "HOLDS", with: #","blocks":[{"tables":["A","B","F","X"],"date":"2026-11-21"}]"#)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(layout)}"#).ok)
        #expect(Self.reason(harness, party: 2, at: "19:00", channel: "host") == "blocked")
        #expect(Self.reason(harness, party: 2, at: "24:30", channel: "host") == "blocked")
        let late = harness.send(#"{"op":"walkin","restaurant":"s","date":"2026-11-21","time":"24:30","party":2,"seat":false}"#)
        #expect(late.result["seated"] == false)
        #expect(late.result["readyAt"] == .null)
    }

    @Test func aReplayReturnsTheBookingAsItStandsWithTheOriginalMoves() {
        let harness = Self.harness()
        let first = Self.book(harness, party: 2, at: "19:00", key: "k")
        let id = first.result["booking"]!["id"]!.stringValue!
        #expect(first.result["replayed"] == nil)
        #expect(harness.send(#"{"op":"modify","booking":"\#(id)","notes":"anniversary"}"#).ok)
        let replay = Self.book(harness, party: 2, at: "19:00", key: "k")
        #expect(replay.result["replayed"] == true)
        #expect(replay.result["booking"]?["notes"] == "anniversary")
        #expect(replay.result["moved"] == first.result["moved"])
        #expect(Self.book(harness, party: 3, at: "19:00", key: "k").code == "idempotency_conflict")
    }

    @Test func theLifecycleRepeatsHarmlesslyAndRefusesOtherTransitions() {
        let harness = Self.harness()
        let id = Self.book(harness, party: 2, at: "19:00", key: "k").result["booking"]!["id"]!.stringValue!
        // Seating at arrival makes that the time, keeps the duration, locks; pacing is not re-checked
        // (19:15 already has its one party).
        #expect(Self.book(harness, party: 2, at: "19:15", key: "other").ok)
        let seated = harness.send(#"{"op":"seat","booking":"\#(id)","time":"19:20"}"#).result["booking"]!
        #expect(seated["time"] == "19:20")
        #expect(seated["duration"] == 90)
        #expect(seated["locked"] == true)
        #expect(harness.send(#"{"op":"seat","booking":"\#(id)"}"#).result["booking"] == seated)
        #expect(harness.send(#"{"op":"noshow","booking":"\#(id)"}"#).code == "invalid_state")
        #expect(harness.send(#"{"op":"cancel","booking":"\#(id)"}"#).code == "invalid_state")
        let finished = harness.send(#"{"op":"finish","booking":"\#(id)","time":"20:30"}"#).result["booking"]!
        #expect(finished["status"] == "finished")
        #expect(harness.send(#"{"op":"finish","booking":"\#(id)","time":"20:30"}"#).result["booking"] == finished)
        #expect(harness.send(#"{"op":"seat","booking":"\#(id)"}"#).code == "invalid_state")
        let other = Self.book(harness, party: 2, at: "20:00", key: "third").result["booking"]!["id"]!.stringValue!
        let cancelled = harness.send(#"{"op":"cancel","booking":"\#(other)"}"#).result["booking"]!
        #expect(harness.send(#"{"op":"cancel","booking":"\#(other)"}"#).result["booking"] == cancelled)
        #expect(harness.send(#"{"op":"noshow","booking":"\#(other)"}"#).code == "invalid_state")
    }

    @Test func walkInsAreTakenFromFirstSeatingToEndAndClosedOutsideEveryService() {
        let harness = Self.harness()
        func walkIn(_ time: String) -> JSONValue {
            harness.send(#"{"op":"walkin","restaurant":"s","date":"2026-11-21","time":"\#(time)","party":1,"seat":false}"#)
        }
        #expect(walkIn("03:00").code == "closed")
        #expect(walkIn("17:59").code == "closed")
        #expect(walkIn("18:00").ok)
        #expect(walkIn("22:30").ok, "dinner takes walk-ins until its end")
        #expect(walkIn("22:31").code == "closed")
        #expect(walkIn("24:30").ok, "the late service has no end: until its last seating")
        #expect(walkIn("24:31").code == "closed")
        // Walk-ins ignore the grid, pacing and the service's party limits, and may use walk-in-only tables.
        let seated = (7...9).map { minute in
            harness.send(#"{"op":"walkin","restaurant":"s","date":"2026-11-21","time":"18:0\#(minute)","party":1}"#)
        }
        #expect(seated.map { $0.result["seated"] } == [true, true, true])
        #expect(seated.compactMap { $0.result["booking"]?["tables"]?.arrayValue?.first?.stringValue }.sorted() == ["A", "B", "X"])
        // Sunday has no late service: closed.
        #expect(harness.send(#"{"op":"walkin","restaurant":"s","date":"2026-11-22","time":"23:30","party":1}"#).code == "closed")
    }

    @Test func theWaitQuoteIsTheEarliestMinuteATableIsFreeForTheWholeTurn() {
        let harness = Self.harness()
        for (index, table) in ["A", "B", "F", "X"].enumerated() {
            #expect(harness.send(#"{"op":"walkin","restaurant":"s","date":"2026-11-21","time":"18:\#(10 + index)","party":2}"#).ok, "\(table)")
        }
        let quote = harness.send(#"{"op":"walkin","restaurant":"s","date":"2026-11-21","time":"18:30","party":2,"seat":false}"#)
        #expect(quote.result["seated"] == false)
        #expect(quote.result["readyAt"] == "19:40")
        #expect(quote.result["waitMinutes"] == 70)
    }
}
