import Foundation
import MaitreJSON
import Seating
import SeatingService
import Testing

/// Scenario files are validated like layouts: errors name the path at fault.
@Suite struct ScenarioFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("Fixtures/scenarios").appendingPathComponent(path)))
    }

    static func parse(_ text: String) throws -> (scenario: Scenario, floor: Floor) {
        try ScenarioFile.parse(Array(text.utf8), load: load)
    }

    @Test(arguments: ["diner-walk-ins", "brasserie-tuesday", "brasserie-saturday", "hall-brunch"])
    func theFixturesParse(name: String) throws {
        let parsed = try ScenarioFile.parse(try Self.load("\(name).json"), load: Self.load)
        #expect(parsed.scenario.reservations != nil || parsed.scenario.walkIns != nil)
        #expect(!parsed.floor.tables.isEmpty)
    }

    @Test(arguments: [
        (#"{"date":"2026-11-24","walkIns":{"perHour":[{"hour":18,"rate":4}],"partyMix":[{"party":2,"weight":1}]}}"#, "layout"),
        (#"{"layout":"../layouts/diner.json","walkIns":{"perHour":[{"hour":18,"rate":4}],"partyMix":[{"party":2,"weight":1}]}}"#, "date"),
        (#"{"layout":"../layouts/diner.json","date":"2026-11-24"}"#, "reservations"),
        (#"{"layout":"../layouts/nope.json","date":"2026-11-24","walkIns":{}}"#, "layout"),
        (#"{"layout":{"restaurant":"x","tables":[{"id":"T","max":0}],"services":[{"name":"d","first":"18:00","last":"21:00"}]},"date":"2026-11-24","walkIns":{}}"#, "layout.tables[0].max"),
        (#"{"layout":"../layouts/diner.json","date":"2026-11-24","reservations":{"count":10,"hours":[{"hour":19,"weight":1}],"partyMix":[{"party":2,"weight":-1}]}}"#, "reservations.partyMix[0].weight"),
        (#"{"layout":"../layouts/diner.json","date":"2026-11-24","reservations":{"count":10,"hours":[{"hour":19,"weight":0}],"partyMix":[{"party":2,"weight":1}]}}"#, "reservations.hours"),
        (#"{"layout":"../layouts/diner.json","date":"2026-11-24","reservations":{"count":10,"hours":[{"hour":19,"weight":1}],"partyMix":[{"party":2,"weight":1}],"noShowRate":1.5}}"#, "reservations.noShowRate"),
        (#"{"layout":"../layouts/diner.json","date":"2026-11-24","walkIns":{"rates":[{"hour":19,"party":2,"perHour":"lots"}]}}"#, "walkIns.rates[0].perHour"),
        (#"{"layout":"../layouts/diner.json","date":"2026-11-24","walkIns":{"rates":[]},"dining":{"model":"gamma"}}"#, "dining.model"),
        (#"{"layout":"../layouts/diner.json","date":"2026-11-24","walkIns":{"rates":[]},"dining":{"model":"exponential","mean":[{"minutes":50},{"maxParty":4,"minutes":60}]}}"#, "dining.mean[0].maxParty"),
    ])
    func badScenariosNameThePathAtFault(text: String, field: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted: \(text)")
        } catch let error as ProtocolError {
            #expect(error.field == field, "\(error.line)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
