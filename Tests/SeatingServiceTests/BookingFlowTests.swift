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
