import Seating
import SeatingService
import Testing

@Suite struct DemandFileTests {
    let floor = try! Floor(Layout(
        restaurant: "r", tables: [Table(id: "A", max: 4)],
        turnTimes: TurnTimes(bands: [.init(maxParty: 2, minutes: 75), .init(minutes: 120)],
                             overrides: [.init(days: [.sat], from: 19 * 60, to: 21 * 60, bands: [.init(minutes: 150)])]),
        services: [Service(name: "d", first: 18 * 60, last: 22 * 60)]))
    let friday = ServiceDate("2026-11-20")!

    func parse(_ text: String, date: ServiceDate? = nil) throws(DemandFile.Failure) -> [OfflineOptimum.Request] {
        try DemandFile.parse(Array(text.utf8), floor: floor, date: date ?? friday)
    }

    @Test func defaultsComeFromTheLineNumberAndTheTurnTimes() throws {
        let requests = try parse("""
            {"id":"a","time":"19:00","party":2,"duration":95}

            {"time":"19:30","party":2}
            {"time":"25:15","party":6}
            """)
        #expect(requests == [
            OfflineOptimum.Request(id: "a", time: 19 * 60, party: 2, duration: 95),
            OfflineOptimum.Request(id: "line 3", time: 19 * 60 + 30, party: 2, duration: 75),
            OfflineOptimum.Request(id: "line 4", time: 25 * 60 + 15, party: 6, duration: 120),
        ])
        // The weekday matters: Saturday evening turns are longer.
        #expect(try parse(#"{"time":"19:30","party":4}"#, date: ServiceDate("2026-11-21")!)[0].duration == 150)
    }

    @Test func errorsNameTheLineAndTheField() {
        let cases: [(String, DemandFile.Failure)] = [
            ("{\"time\":\"19:00\",\"party\":2}\n{\"time\":\"19:00\",\"party\":0}",
             .init(line: 2, field: "party", message: "must be between 1 and 1000, not 0")),
            (#"{"time":"7pm","party":2}"#, .init(line: 1, field: "time", message: #"must be a time HH:MM between 00:00 and 47:59, not "7pm""#)),
            (#"{"party":2}"#, .init(line: 1, field: "time", message: "is required")),
            (#"{"time":"19:00","party":2,"duration":99999}"#, .init(line: 1, field: "duration", message: "must be between 1 and 1440, not 99999")),
            ("{\"id\":\"x\",\"time\":\"19:00\",\"party\":2}\n{\"id\":\"x\",\"time\":\"20:00\",\"party\":2}",
             .init(line: 2, field: "id", message: #""x" appears on an earlier line"#)),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try parse(text) }
        }
        #expect { try parse("{\"time\":") } throws: { ($0 as? DemandFile.Failure)?.message.hasPrefix("invalid JSON") == true }
        #expect { try parse("[1,2]") } throws: { ($0 as? DemandFile.Failure)?.line == 1 }
    }
}
