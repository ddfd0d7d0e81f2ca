import MaitreJSON
import Seating
import SeatingService
import Testing

@Suite struct BookingFlowTests {
    let harness: ServiceHarness = {
        let harness = ServiceHarness()
        harness.putSmall()
        return harness
    }()

    func book(_ party: Int, at time: String = "19:00", key: String, extra: String = "") -> JSONValue {
        harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"\#(time)","party":\#(party),"idempotencyKey":"\#(key)"\#(extra)}"#)
    }

    @Test func idempotentReplayAndConflict() {
        let first = book(2, key: "k1", extra: #","guest":{"name":"Ada","phone":"+33 1 23","n":1.50}"#)
        #expect(first.ok)
        #expect(first.result["booking"]?["guest"].map(JSONWriter.string) == #"{"name":"Ada","phone":"+33 1 23","n":1.50}"#,
                "guest JSON is kept exactly as given")
        let replay = book(2, key: "k1", extra: #","guest":{"name":"Ada","phone":"+33 1 23","n":1.50}"#)
        #expect(replay.result["booking"] == first.result["booking"])
        #expect(replay.result["replayed"] == true)
        let conflict = book(3, key: "k1")
        #expect(conflict.code == "idempotency_conflict")
        #expect(conflict.field == "idempotencyKey")
        // A replay returns the booking as it stands now.
        let id = first.result["booking"]!["id"]!.stringValue!
        harness.send(#"{"op":"cancel","booking":"\#(id)"}"#)
        #expect(book(2, key: "k1", extra: #","guest":{"name":"Ada","phone":"+33 1 23","n":1.50}"#).result["booking"]?["status"] == "cancelled")
    }

    @Test func fillsSinglesThenCombinationThenRefusesWithAlternatives() {
        #expect(book(2, key: "a").result["booking"]?["tables"] == ["T1"])
        #expect(book(2, key: "b").result["booking"]?["tables"] == ["T2"])
        #expect(book(2, key: "c").result["booking"]?["tables"] == ["T3"])
        let full = book(2, key: "d")
        #expect(full.code == "no_capacity")
        let alternatives = full["error"]?["alternatives"]?.arrayValue ?? []
        #expect(alternatives.compactMap { $0["time"]?.stringValue } == ["18:00", "20:00", "20:15", "20:30"])
    }

    @Test func memberBookingBlocksCombinationAndViceVersa() {
        #expect(book(4, key: "combo", extra: #","tables":["T1","T2"],"channel":"host""#).result["booking"]?["tables"] == ["T1", "T2"])
        #expect(book(2, key: "two").result["booking"]?["tables"] == ["T3"])
        #expect(book(2, key: "three").code == "no_capacity")
        #expect(book(1, key: "one", extra: #","tables":["T1"],"channel":"host""#).code == "no_capacity")
    }

    @Test func modifyIsAllOrNothingAndCancelIsIdempotent() {
        let booked = book(2, key: "m")
        let id = booked.result["booking"]!["id"]!.stringValue!
        let moved = harness.send(#"{"op":"modify","booking":"\#(id)","time":"20:00","notes":"birthday"}"#)
        #expect(moved.result["booking"]?["time"] == "20:00")
        #expect(moved.result["booking"]?["notes"] == "birthday")
        #expect(moved.result["booking"]?["tables"] == ["T1"])
        let refused = harness.send(#"{"op":"modify","booking":"\#(id)","party":9,"notes":"changed"}"#)
        #expect(refused.code == "party_too_large")
        let day = harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-21"}"#)
        #expect(day.result["bookings"]?.arrayValue?.first?["notes"] == "birthday", "a refused modify changes nothing")
        let cancelled = harness.send(#"{"op":"cancel","booking":"\#(id)"}"#)
        #expect(cancelled.result["booking"]?["status"] == "cancelled")
        #expect(harness.send(#"{"op":"cancel","booking":"\#(id)"}"#).result["booking"] == cancelled.result["booking"])
        #expect(harness.send(#"{"op":"modify","booking":"\#(id)","time":"19:00"}"#).code == "invalid_state")
    }

    @Test func modifyAcrossDates() {
        let id = book(2, key: "x").result["booking"]!["id"]!.stringValue!
        let moved = harness.send(#"{"op":"modify","booking":"\#(id)","date":"2026-11-22"}"#)
        #expect(moved.result["booking"]?["date"] == "2026-11-22")
        let saturday = harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-21"}"#)
        let sunday = harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-22"}"#)
        #expect(saturday.result["bookings"]?.arrayValue?.isEmpty == true)
        #expect(sunday.result["bookings"]?.arrayValue?.count == 1)
        #expect(sunday.result["covers"] == 2)
    }

    @Test func dayListsBusyIntervalsWithBuffer() {
        let harness = ServiceHarness()
        harness.send(#"{"op":"layout.put","layout":\#(ServiceHarness.small.replacingOccurrences(of: #""bufferMinutes":0"#, with: #""bufferMinutes":10"#))}"#)
        let booked = harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"idempotencyKey":"k"}"#)
        #expect(booked.result["booking"]?["end"] == "20:00")
        let day = harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-21"}"#)
        let busy = day.result["tables"]?.arrayValue?.first?["busy"]?.arrayValue?.first
        #expect(busy?["from"] == "19:00")
        #expect(busy?["to"] == "20:10")
    }

    @Test func pingCountsRestaurants() {
        #expect(harness.send(#"{"op":"ping"}"#).result["restaurants"] == 1)
        harness.put(fixture: "bistro")
        #expect(harness.send(#"{"op":"ping"}"#).result["restaurants"] == 2)
    }
}

@Suite struct ReshuffleServiceTests {
    /// A two-top T1 and a four-top F1: a couple at 19:00 landed on F1 (T1 was busy at 18:30, then
    /// that party cancelled), so F1 holds two seats too many.
    static func coupleOnTheFourTop() -> (harness: ServiceHarness, couple: JSONValue) {
        let harness = ServiceHarness()
        harness.send(#"{"op":"layout.put","layout":{"restaurant":"r","tables":[{"id":"T1","max":2},{"id":"F1","max":4}],"turnTimes":[{"minutes":60}],"services":[{"name":"d","first":"18:00","last":"22:00"}]}}"#)
        harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-17","time":"18:30","party":2,"idempotencyKey":"early"}"#)
        let couple = harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-17","time":"19:00","party":2,"idempotencyKey":"couple"}"#)
        #expect(couple.result["booking"]?["tables"] == ["F1"])
        let early = harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-17"}"#).result["bookings"]!.arrayValue!.first!["id"]!.stringValue!
        harness.send(#"{"op":"cancel","booking":"\#(early)"}"#)
        return (harness, couple)
    }

    @Test func bookMovesAnUnlockedBookingAndReportsIt() {
        let (harness, couple) = Self.coupleOnTheFourTop()
        // Now a four at 19:00: greedy finds F1 taken; moving the couple to T1 seats them.
        let availability = harness.send(#"{"op":"availability","restaurant":"r","date":"2026-11-17","time":"19:00","party":4,"before":0,"after":0}"#)
        #expect(availability.result["slots"]?.arrayValue?.first?["reshuffle"] == true)
        #expect(harness.send(#"{"op":"availability","restaurant":"r","date":"2026-11-17","time":"19:00","party":4,"before":0,"after":0,"reshuffle":false}"#)
            .result["requested"]?["reason"] == "no_table")
        let four = harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-17","time":"19:00","party":4,"idempotencyKey":"four"}"#)
        #expect(four.result["booking"]?["tables"] == ["F1"])
        let coupleID = couple.result["booking"]!["id"]!
        #expect(four.result["moved"] == [.object([JSONMember("booking", coupleID), JSONMember("from", ["F1"]), JSONMember("to", ["T1"])])])
        let day = harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-17"}"#)
        #expect(day.result["bookings"]?.arrayValue?.first { $0["id"] == coupleID }?["tables"] == ["T1"])
        // The replay reports the same moves.
        #expect(harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-17","time":"19:00","party":4,"idempotencyKey":"four"}"#).result["moved"] == four.result["moved"])
    }
}

@Suite struct OptimizeServiceTests {
    @Test func optimizeMovesAndPersists() {
        let (harness, couple) = ReshuffleServiceTests.coupleOnTheFourTop()
        let optimized = harness.send(#"{"op":"optimize","restaurant":"r","date":"2026-11-17","timeLimitMs":60000}"#)
        #expect(optimized.result["before"]?["wastedSeats"] == 2)
        #expect(optimized.result["after"]?["wastedSeats"] == 0)
        #expect(optimized.result["optimal"] == true)
        #expect(optimized.result["moved"]?.arrayValue?.count == 1)
        let day = harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-17"}"#)
        #expect(day.result["bookings"]?.arrayValue?.first { $0["id"] == couple.result["booking"]!["id"]! }?["tables"] == ["T1"])
        #expect(harness.send(#"{"op":"optimize","restaurant":"r","date":"2026-11-17"}"#).result["moved"] == [])
        #expect(harness.send(#"{"op":"optimize","restaurant":"r","date":"2026-11-17","timeLimitMs":0}"#).field == "timeLimitMs")
    }
}
