import MaitreJSON
import Seating
import SeatingService
import Testing

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
