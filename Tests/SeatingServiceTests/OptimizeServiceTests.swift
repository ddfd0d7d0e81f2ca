import MaitreJSON
import Seating
import SeatingService
import Testing

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
