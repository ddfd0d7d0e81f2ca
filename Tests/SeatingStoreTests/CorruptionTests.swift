import Foundation
import GRDB
import Seating
import SeatingStore
import Testing

/// Stored values that cannot be read are errors naming the row and column, never defaults; the
/// audit lists every problem of a database.
@Suite struct CorruptionTests {
    static let date = StoreConformanceTests.date
    static let key = StoreConformanceTests.key

    /// A database file with a layout and two bookings on different tables, and the path.
    static func healthyDatabase() throws -> String {
        let path = StoreConformanceTests.temporaryPath()
        let store = try SQLiteStore(path: path)
        let layout = Layout(restaurant: "r", tables: [Table(id: "T1", max: 2), Table(id: "T2", max: 2)],
                            services: [Service(name: "d", first: 1080, last: 1260)])
        _ = try store.saveLayout(layout, expectedVersion: 0, unchangedDays: nil)
        try store.commit(WriteBatch(expectedVersions: [key: 0], bookings: [StoreConformanceTests.booking("B000001"),
                                                                            StoreConformanceTests.booking("B000002", table: "T2")],
                                    idempotency: [IdempotencyRecord(restaurant: "r", key: "k-B000001", fingerprint: "{}", bookingID: "B000001")]))
        _ = try store.newBookingID()
        return path
    }

    /// Writes behind the store's back, as a bad tool or a bad disk would.
    static func tamper(_ path: String, _ sql: String) throws {
        let database = try DatabaseQueue(path: path)
        try database.write { try $0.execute(sql: sql) }
    }

    @Test(arguments: [
        ("tables = 'not json'", "tables"),
        ("tables = '[]'", "tables"),
        ("tables = '[1]'", "tables"),
        ("status = 'sat'", "status"),
        ("channel = 'fax'", "channel"),
        ("date = '2026-13-01'", "date"),
        ("start = 'seven'", "start"),
        ("start = -5", "start"),
        ("duration = 0", "duration"),
        ("party = 0", "party"),
        ("locked = 'maybe'", "locked"),
        ("guest = '{\"name\":'", "guest"),
        ("notes = x'00ff'", "notes"),
    ])
    func anUnreadableColumnIsAnErrorNamingTheBookingAndColumn(change: String, column: String) throws {
        let path = try Self.healthyDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.tamper(path, "UPDATE booking SET \(change) WHERE id = 'B000002'")
        let store = try SQLiteStore(path: path)
        let error = try #require(throws: StoreError.self) { try store.booking(id: "B000002") }
        guard case .corrupt(let record, let field, _) = error else {
            Issue.record("expected corrupt, got \(error)")
            return
        }
        #expect(record == "booking B000002")
        #expect(field == column)
        if column != "date" {
            #expect(throws: StoreError.self, "the whole day is refused") { try store.day(Self.key) }
        }
        #expect(try store.booking(id: "B000001") != nil, "other rows still read")
        let problems = try StoreAudit.problems(path: path)
        #expect(problems.contains { $0.record == "booking B000002" && $0.field == column }, "\(problems)")
    }

    @Test func aVersionThatIsNotAPositiveIntegerIsCorrupt() throws {
        for bad in ["'zz'", "0", "-3", "2.5"] {
            let path = try Self.healthyDatabase()
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Self.tamper(path, "UPDATE day SET version = \(bad); UPDATE restaurant SET version = \(bad)")
            let store = try SQLiteStore(path: path)
            #expect(throws: StoreError.self, "day version \(bad)") { try store.dayVersion(Self.key) }
            #expect(throws: StoreError.self, "layout version \(bad)") { try store.layoutVersion(restaurant: "r") }
            #expect(!(try StoreAudit.problems(path: path)).isEmpty)
        }
    }

    @Test func aHealthyDatabaseHasNoProblems() throws {
        let path = try Self.healthyDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try StoreAudit.problems(path: path) == [])
    }

    @Test func theAuditListsEveryProblem() throws {
        let path = try Self.healthyDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.tamper(path, """
            UPDATE booking SET tables = '["T1"]' WHERE id = 'B000002';
            INSERT INTO booking SELECT 'B000077', restaurant, date, start, duration, party, '["T9"]', status, channel, locked,
                area, tags, notes, guest, NULL, duration_given, created_at, updated_at FROM booking WHERE id = 'B000001';
            INSERT INTO booking SELECT 'B000078', restaurant, date, start, duration, party, 'oops', status, channel, locked,
                area, tags, notes, guest, NULL, duration_given, created_at, updated_at FROM booking WHERE id = 'B000001';
            INSERT INTO idempotency VALUES ('r', 'ghost', '{}', 'B009999', '[]');
            """)
        let problems = try StoreAudit.problems(path: path)
        let records = problems.map(\.record)
        #expect(problems.contains { $0.record == "booking B000002" && $0.message.contains("B000001") }, "overlap named: \(problems)")
        #expect(records.contains("booking B000077"), "unknown table")
        #expect(problems.contains { $0.record == "booking B000078" && $0.field == "tables" })
        #expect(records.contains("idempotency key ghost of r"))
        #expect(records.contains("sequence booking"), "ids up to 77 handed out behind a sequence at 64")
        #expect(problems.count == 5, "\(problems.map(\.description))")
    }

    @Test func layoutsReadBackInTheStoresOwnFormatWithoutProtocolRules() throws {
        let store = try SQLiteStore(path: ":memory:")
        // An id far longer than layout.put accepts today: the store keeps what it was given.
        let longID = String(repeating: "t", count: 300)
        var layout = Layout(restaurant: "r", tables: [Table(id: longID, max: 2, drawing: Drawing(shape: .round, x: 1.5))],
                            turnTimes: TurnTimes(overrides: [.init(days: [.fri, .sat], from: 1080, to: 1260, bands: [.init(minutes: 100)])]),
                            services: [Service(name: "d", days: [.sat], first: 1080, last: 1260, end: 1380,
                                               pacing: Pacing(maxCovers: 20))],
                            holds: [Hold(name: "h", kind: .count(1, area: "main", minCapacity: nil, maxCapacity: 4), from: 1100, to: 1200)],
                            blocks: [Block(tables: [longID], date: Self.date, from: 1140, to: 1200, reason: "private")])
        layout.bufferMinutes = 10
        _ = try store.saveLayout(layout, expectedVersion: 0, unchangedDays: nil)
        #expect(try store.layout(restaurant: "r")?.layout == layout)
    }

    @Test func aLayoutFormatThisBuildDoesNotKnowIsAnError() throws {
        let path = try Self.healthyDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.tamper(path, #"UPDATE restaurant SET layout = '{"format":99,"layout":{}}'"#)
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path).layout(restaurant: "r") }
        #expect(error == .corrupt(record: "layout of r", field: "layout", problem: "stored in format 99; this build reads format 1"))
        try Self.tamper(path, #"UPDATE restaurant SET layout = '{"format":1,"layout":{"restaurant":5}}'"#)
        #expect(throws: StoreError.self) { try SQLiteStore(path: path).layout(restaurant: "r") }
        #expect(try StoreAudit.problems(path: path).contains { $0.record == "layout of r" })
    }
}
