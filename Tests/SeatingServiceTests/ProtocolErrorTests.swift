import MaitreJSON
import Seating
import SeatingService
import Testing

/// Bad input of every kind gets its error code and field, and the service keeps answering.
@Suite struct ProtocolErrorTests {
    let harness: ServiceHarness = {
        let harness = ServiceHarness()
        harness.putSmall()
        return harness
    }()

    @Test func theFieldPathIsPrintedOnce() {
        let put = harness.send(#"{"op":"layout.put","layout":{"restaurant":"x","tables":[{"id":"T","min":3,"max":2}],"services":[{"name":"d","first":"18:00","last":"21:00"}]}}"#)
        #expect(put.field == "layout.tables[0]" || put.field == "layout.tables[0].max" || put.field == "layout.tables[0].min")
        let message = put["error"]?["message"]?.stringValue ?? ""
        #expect(!message.contains("tables[0]"), "the message names no path: \(message)")
        let error = ProtocolError.invalid("tables[0].max", "must be at least min")
        #expect(error.message == "must be at least min")
        #expect(error.line == "tables[0].max: must be at least min")
    }

    @Test(arguments: [
        ("not json", "invalid_json", nil),
        (#"{"op":"ping""#, "invalid_json", nil),
        ("[1,2]", "invalid_request", nil),
        (#"{"id":1}"#, "invalid_request", "op"),
        (#"{"op":5}"#, "invalid_request", "op"),
        (#"{"op":"fly"}"#, "unknown_op", "op"),
        (#"{"op":"ping","id":{"a":1}}"#, "invalid_request", "id"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00"}"#, "invalid_request", "party"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":0}"#, "invalid_request", "party"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":-3}"#, "invalid_request", "party"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2.5}"#, "invalid_request", "party"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":"4"}"#, "invalid_request", "party"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":1e300}"#, "invalid_request", "party"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":99999999999999999999}"#, "invalid_request", "party"),
        (#"{"op":"availability","restaurant":"r","date":"2026-02-30","time":"19:00","party":2}"#, "invalid_request", "date"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"25:61","party":2}"#, "invalid_request", "time"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"limit":0}"#, "invalid_request", "limit"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"channel":"fax"}"#, "invalid_request", "channel"),
        (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"tags":[1]}"#, "invalid_request", "tags[0]"),
        (#"{"op":"availability","restaurant":"nowhere","date":"2026-11-21","time":"19:00","party":2}"#, "not_found", "restaurant"),
        (#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2}"#, "invalid_request", "idempotencyKey"),
        (#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:07","party":2,"idempotencyKey":"x"}"#, "closed", "time"),
        (#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":9,"idempotencyKey":"x"}"#, "party_too_large", "party"),
        (#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"idempotencyKey":"x","tables":["T9"]}"#, "invalid_request", "tables[0]"),
        (#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"idempotencyKey":"x","tables":["T1","T3"]}"#, "invalid_request", "tables"),
        (#"{"op":"modify","booking":"B999"}"#, "not_found", "booking"),
        (#"{"op":"cancel"}"#, "invalid_request", "booking"),
        (#"{"op":"day","restaurant":"r"}"#, "invalid_request", "date"),
    ] as [(String, String, String?)])
    func badInputGetsItsCode(line: String, code: String, field: String?) {
        let response = harness.send(line)
        #expect(response.ok == false)
        #expect(response.code == code, "\(line) -> \(JSONWriter.string(response))")
        #expect(response.field == field, "\(line) -> \(JSONWriter.string(response))")
        #expect(harness.send(#"{"op":"ping"}"#).ok, "the service keeps answering")
    }

    /// A date with a time attached is told the format it must have, not that it is too long.
    @Test func aDateWithATimeIsToldTheFormat() {
        let answer = harness.send(#"{"op":"availability","restaurant":"r","date":"2026-11-21T19:00","time":"19:00","party":2}"#)
        #expect(answer.field == "date")
        #expect(answer["error"]?["message"]?.stringValue == #"must be a date YYYY-MM-DD, not "2026-11-21T19:00""#)
    }

    @Test func echoesStringAndNumberIds() {
        #expect(harness.send(#"{"id":"abc","op":"ping"}"#)["id"] == .string("abc"))
        #expect(harness.send(#"{"id":42,"op":"ping"}"#)["id"] == .number("42"))
        #expect(harness.send(#"{"id":7,"op":"fly"}"#)["id"] == .number("7"), "errors echo the id too")
    }

    @Test func rejectedRequestsChangeNothing() throws {
        let before = JSONWriter.string(harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-21"}"#))
        harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":9,"idempotencyKey":"a"}"#)
        harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":"2","idempotencyKey":"b"}"#)
        let after = JSONWriter.string(harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-21"}"#))
        #expect(before == after)
        // A rejected request does not consume its idempotency key.
        #expect(harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"idempotencyKey":"a"}"#).ok)
    }
}
