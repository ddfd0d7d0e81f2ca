import Seating
import SeatingService
import Testing

/// `seat`, `finish`, `noshow`, `walkin` through the protocol: shapes and errors.
@Suite struct DoorOperationTests {
    let harness: ServiceHarness = {
        let harness = ServiceHarness()
        harness.putSmall()
        return harness
    }()

    func book(_ party: Int, at time: String, key: String) -> String {
        harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"\#(time)","party":\#(party),"idempotencyKey":"\#(key)"}"#)
            .result["booking"]!["id"]!.stringValue!
    }

    @Test func seatFinishFlow() {
        let id = book(2, at: "19:00", key: "a")
        let seated = harness.send(#"{"op":"seat","booking":"\#(id)","time":"19:10"}"#)
        #expect(seated.result["booking"]?["status"] == "seated")
        #expect(seated.result["booking"]?["time"] == "19:10")
        #expect(seated.result["booking"]?["locked"] == true)
        #expect(harness.send(#"{"op":"finish","booking":"\#(id)"}"#).field == "time")
        #expect(harness.send(#"{"op":"finish","booking":"\#(id)","time":"19:05"}"#).field == "time")
        let finished = harness.send(#"{"op":"finish","booking":"\#(id)","time":"19:55"}"#)
        #expect(finished.result["booking"]?["status"] == "finished")
        #expect(finished.result["booking"]?["end"] == "19:55")
        #expect(finished.result["overruns"] == [])
        #expect(harness.send(#"{"op":"cancel","booking":"\#(id)"}"#).code == "invalid_state")
        #expect(harness.send(#"{"op":"seat","booking":"nope"}"#).code == "not_found")
    }

    @Test func seatOnNamedTablesChecksThem() {
        let id = book(2, at: "19:00", key: "a")
        #expect(harness.send(#"{"op":"seat","booking":"\#(id)","tables":["T9"]}"#).field == "tables[0]")
        #expect(harness.send(#"{"op":"seat","booking":"\#(id)","tables":["T1","T3"]}"#).field == "tables")
        #expect(harness.send(#"{"op":"seat","booking":"\#(id)","tables":["T3"]}"#).result["booking"]?["tables"] == ["T3"])
    }

    @Test func noShowFreesTheTable() {
        let id = book(2, at: "19:00", key: "a")
        _ = book(2, at: "19:00", key: "b")
        _ = book(2, at: "19:00", key: "c")
        #expect(harness.send(#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"before":0,"after":0}"#)
            .result["requested"]?["reason"] == "no_table")
        #expect(harness.send(#"{"op":"noshow","booking":"\#(id)"}"#).result["booking"]?["status"] == "no_show")
        #expect(harness.send(#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"before":0,"after":0}"#)
            .result["slots"]?.arrayValue?.first?["tables"] == ["T1"])
    }

    @Test func walkInSeatsOrQuotes() {
        let now = harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-21","time":"19:07","party":2}"#)
        #expect(now.result["seated"] == true)
        #expect(now.result["booking"]?["channel"] == "walk_in")
        #expect(now.result["booking"]?["time"] == "19:07", "walk-ins are not held to the slot grid")
        _ = harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-21","time":"19:07","party":2}"#)
        _ = harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-21","time":"19:07","party":2}"#)
        let quote = harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-21","time":"19:30","party":2}"#)
        #expect(quote.result["seated"] == false)
        #expect(quote.result["readyAt"] == "20:07")
        #expect(quote.result["waitMinutes"] == 37)
        #expect(quote.result["tables"] == ["T1"])
        let ask = harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-22","time":"19:30","party":2,"seat":false}"#)
        #expect(ask.result["waitMinutes"] == 0, "seat:false only quotes")
        #expect(harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-22"}"#).result["bookings"] == [])
        #expect(harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-21","time":"19:30","party":9}"#).code == "party_too_large")
        #expect(harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-21","time":"19:30","party":2,"seat":"yes"}"#).field == "seat")
    }
}
