import MaitreJSON
import Seating
import SeatingService
import Testing

@Suite struct LayoutOperationTests {
    @Test func fixturesLoadWithFigures() {
        let harness = ServiceHarness()
        for (name, tables, seats) in [("bistro", 12, 46), ("brasserie", 40, 140), ("hall", 110, 528)] {
            let response = harness.put(fixture: name)
            #expect(response.ok, "\(name): \(JSONWriter.string(response))")
            #expect(response.result["tables"] == .int(tables))
            #expect(response.result["seats"] == .int(seats))
        }
    }

    @Test func invalidLayoutNamesThePath() {
        let harness = ServiceHarness()
        let bad = ServiceHarness.small.replacingOccurrences(of: #"{"id":"T3","min":2,"max":4}"#, with: #"{"id":"T3","min":5,"max":4}"#)
        let response = harness.send(#"{"op":"layout.put","layout":\#(bad)}"#)
        #expect(response.code == "invalid_layout")
        #expect(response.field == "layout.tables[2].max")
        let mistyped = ServiceHarness.small.replacingOccurrences(of: #""max":4}]"#, with: #""max":"four"}]"#)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(mistyped)}"#).field == "layout.tables[2].max")
        let duplicate = ServiceHarness.small.replacingOccurrences(of: #""id":"T2""#, with: #""id":"T1""#)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(duplicate)}"#).field == "layout.tables[1].id")
        let unknown = ServiceHarness.small.replacingOccurrences(of: #""tables":["T1","T2"]"#, with: #""tables":["T1","T7"]"#)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(unknown)}"#).field == "layout.combinations[0].tables[1]")
        #expect(harness.send(#"{"op":"layout.put"}"#).field == "layout")
    }

    @Test func getReturnsDefaultsExplicitly() {
        let harness = ServiceHarness()
        harness.putSmall()
        let got = harness.send(#"{"op":"layout.get","restaurant":"r"}"#)
        #expect(got.result["version"] == 1)
        #expect(got.result["layout"]?["slotMinutes"] == 15)
        #expect(got.result["layout"]?["tables"]?.arrayValue?.first?["reservable"] == true)
        // What layout.get returns can be put back unchanged.
        let again = harness.send(#"{"op":"layout.put","layout":\#(JSONWriter.string(got.result["layout"]!))}"#)
        #expect(again.result["version"] == 2)
        #expect(harness.send(#"{"op":"layout.get","restaurant":"r"}"#).result["layout"] == got.result["layout"])
    }

    @Test func changesThatStrandBookingsAreRefused() {
        let harness = ServiceHarness()
        harness.putSmall()
        let booked = harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":4,"idempotencyKey":"k"}"#)
        #expect(booked.result["booking"]?["tables"] == ["T3"])
        let smaller = ServiceHarness.small.replacingOccurrences(of: #"{"id":"T3","min":2,"max":4}"#, with: #"{"id":"T3","min":2,"max":3}"#)
        let refused = harness.send(#"{"op":"layout.put","layout":\#(smaller)}"#)
        #expect(refused.code == "layout_conflict")
        #expect(refused["error"]?["bookings"]?.arrayValue?.first?["id"] == booked.result["booking"]?["id"])
        #expect(harness.send(#"{"op":"layout.get","restaurant":"r"}"#).result["version"] == 1)
        // Bookings before today (the clock says 2026-11-19) do not hold a layout back.
        let past = ServiceHarness(now: "2026-12-01T09:00:00Z")
        past.putSmall()
        past.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":4,"idempotencyKey":"k"}"#)
        #expect(past.send(#"{"op":"layout.put","layout":\#(smaller)}"#).ok)
    }
}
