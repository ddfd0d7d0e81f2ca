import Foundation
import GRDB
import MaitreJSON
import Seating
import SeatingService
import SeatingStore
import Testing

/// The service over a SQLite file whose contents were damaged or written by an older build.
@Suite struct StoredDataTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("maitre-stored-\(UUID().uuidString).db").path
    }

    static func service(_ path: String) throws -> SeatingService {
        SeatingService(store: try SQLiteStore(path: path, legacyLayouts: .protocolDocument), clock: FixedClock(iso8601: "2026-11-19T09:00:00Z")!)
    }

    static func send(_ service: SeatingService, _ line: String) -> JSONValue {
        try! JSONParser.parse(service.respond(toLine: Array(line.utf8)))
    }

    static func tamper(_ path: String, _ sql: String) throws {
        try DatabaseQueue(path: path).write { try $0.execute(sql: sql) }
    }

    static func book(_ service: SeatingService, key: String, date: String = "2026-11-21") -> JSONValue {
        send(service, #"{"op":"book","restaurant":"r","date":"\#(date)","time":"19:00","party":2,"idempotencyKey":"\#(key)"}"#)
    }

    @Test func aCorruptBookingRefusesItsDayAndNamesItself() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let service = try Self.service(path)
            #expect(Self.send(service, #"{"op":"layout.put","layout":\#(ServiceHarness.small)}"#).ok)
            #expect(Self.book(service, key: "a").ok)
            #expect(Self.book(service, key: "b").ok)
        }
        try Self.tamper(path, "UPDATE booking SET tables = 'garbage' WHERE id = 'B000002'")
        let service = try Self.service(path)
        for line in [
            #"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2}"#,
            #"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"idempotencyKey":"c"}"#,
            #"{"op":"day","restaurant":"r","date":"2026-11-21"}"#,
            #"{"op":"cancel","booking":"B000002"}"#,
        ] {
            let answer = Self.send(service, line)
            #expect(answer.code == "internal", "\(line)")
            #expect(answer["error"]?["reason"] == "corrupt")
            #expect(answer["error"]?["record"] == "booking B000002")
            #expect(answer["error"]?["column"] == "tables")
        }
        // Other days answer as before.
        #expect(Self.book(service, key: "d", date: "2026-11-22").ok)
    }

    @Test func aLayoutStoredBeforeARuleWasTightenedStillAnswers() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Stored when ids could be long; layout.put accepts 64 characters now.
        let longID = String(repeating: "w", count: 100)
        let layout = Layout(restaurant: "r", tables: [Table(id: longID, max: 4)], services: [Service(name: "d", first: 1080, last: 1260)])
        _ = try SQLiteStore(path: path).saveLayout(layout, expectedVersion: 0, unchangedDays: nil)
        let service = try Self.service(path)
        #expect(Self.send(service, #"{"op":"layout.put","layout":{"restaurant":"x","tables":[{"id":"\#(longID)","max":4}],"services":[{"name":"d","first":"18:00","last":"21:00"}]}}"#).code == "invalid_request")
        let booked = Self.book(service, key: "a")
        #expect(booked.result["booking"]?["tables"] == [.string(longID)])
        #expect(Self.send(service, #"{"op":"layout.get","restaurant":"r"}"#).result["version"] == 1)
    }

    @Test func aLayoutStoredAsAProtocolDocumentIsConvertedOnOpen() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let service = try Self.service(path)
            #expect(Self.send(service, #"{"op":"layout.put","layout":\#(ServiceHarness.small)}"#).ok)
        }
        // What a store before format 1 held: the layout.get document, and no v2 migration.
        let document = JSONWriter.string(Self.send(try Self.service(path), #"{"op":"layout.get","restaurant":"r"}"#).result["layout"]!)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE restaurant SET layout = ?", arguments: [document])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v2%'")
        }
        #expect(throws: StoreError.self, "without the service's reader the old document cannot be read") {
            try SQLiteStore(path: path)
        }
        let service = try Self.service(path)
        #expect(Self.book(service, key: "a").ok)
        let stored = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "SELECT layout FROM restaurant") } ?? ""
        #expect(stored.hasPrefix(#"{"format":1,"#), "rewritten in the store's format: \(stored.prefix(40))")
    }

    @Test func retriesAcrossAnUpgradeThatAddsAFieldStillReplay() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first: JSONValue
        do {
            let service = try Self.service(path)
            #expect(Self.send(service, #"{"op":"layout.put","layout":\#(ServiceHarness.small)}"#).ok)
            first = Self.book(service, key: "a")
        }
        // As an older build stored it: no format, and no `notes` or `guest` (fields it did not know).
        try Self.tamper(path, #"""
            UPDATE idempotency SET fingerprint = '{"restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"duration":null,"area":null,"tags":[],"channel":"online","idempotencyKey":"a","tables":null}'
            """#)
        let service = try Self.service(path)
        let replay = Self.book(service, key: "a")
        #expect(replay.result["replayed"] == true)
        #expect(replay.result["booking"]?["id"] == first.result["booking"]?["id"])
        let withNotes = Self.send(service, #"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"idempotencyKey":"a","notes":"window"}"#)
        #expect(withNotes.code == "idempotency_conflict", "a new field given a non-default value is a different request")
        let otherParty = Self.send(service, #"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":3,"idempotencyKey":"a"}"#)
        #expect(otherParty.code == "idempotency_conflict")
    }
}
