import Foundation
import MaitreJSON
import Seating
import SeatingService
import SeatingStore

/// A service over an in-memory store with a frozen clock, answering lines as parsed JSON.
final class ServiceHarness {
    let store = InMemoryStore()
    let service: SeatingService

    init(now: String = "2026-11-19T09:00:00Z") {
        service = SeatingService(store: store, clock: FixedClock(iso8601: now)!)
    }

    @discardableResult
    func send(_ line: String) -> JSONValue {
        let bytes = service.respond(toLine: Array(line.utf8))
        return try! JSONParser.parse(bytes)
    }

    /// Loads a fixture layout from `Fixtures/layouts`.
    @discardableResult
    func put(fixture name: String) -> JSONValue {
        send(#"{"op":"layout.put","layout":\#(Self.fixture(name))}"#)
    }

    static func fixture(_ name: String) -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! String(contentsOf: root.appendingPathComponent("Fixtures/layouts/\(name).json"), encoding: .utf8)
    }

    static let small = #"{"restaurant":"r","bufferMinutes":0,"tables":[{"id":"T1","min":1,"max":2},{"id":"T2","min":1,"max":2},{"id":"T3","min":2,"max":4}],"combinations":[{"id":"T1+T2","tables":["T1","T2"],"min":3,"max":4}],"turnTimes":[{"maxParty":2,"minutes":60},{"minutes":90}],"services":[{"name":"dinner","first":"18:00","last":"21:00","end":"22:30","maxParty":4}]}"#

    func putSmall() { send(#"{"op":"layout.put","layout":\#(Self.small)}"#) }
}

extension JSONValue {
    var code: String? { self["error"]?["code"]?.stringValue }
    var field: String? { self["error"]?["field"]?.stringValue }
    var ok: Bool { self["ok"]?.boolValue == true }
    var result: JSONValue { self["result"] ?? .null }
}
