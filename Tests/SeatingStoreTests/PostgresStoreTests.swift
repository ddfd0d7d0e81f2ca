import Foundation
import PostgresTestSupport
import Seating
import SeatingStore
import Testing

/// Whether the PostgreSQL tests can run here: they skip where no throwaway server can start,
/// and that is a failure under CI (`CI=true`), never a silent pass.
@Suite struct PostgresAvailability {
    @Test func aThrowawayServerStartsUnderCI() {
        if let reason = PostgresCluster.unavailableReason {
            if PostgresCluster.underCI {
                Issue.record("CI=true but no PostgreSQL server could be started: \(reason)")
            } else {
                print("PostgreSQL tests skipped: \(reason)")
            }
        }
    }
}

/// What only the PostgreSQL store promises: the exclusion constraint as a last line of defence,
/// strict reads of what the database holds, `unavailable` while the server is down and
/// reconnection after it comes back, migrations applied once by processes starting together.
@Suite(.enabled(if: PostgresCluster.shared != nil, "no PostgreSQL server could be started here"))
struct PostgresStoreTests {
    typealias Conformance = StoreConformanceTests

    @Test func theDatabaseRefusesTwoBookingsOnOneTableMinuteEvenWhenTheEngineWouldNot() throws {
        let url = try #require(PostgresCluster.shared).createDatabase()
        let store = try PostgresStore(url: url)
        try store.commit(WriteBatch(expectedVersions: [Conformance.key: 0], bookings: [Conformance.booking("B1")]))
        // A buggy engine that read the right version but put a second party on T1 at 19:30.
        let intruder = Conformance.booking("B2", start: 1170)
        #expect(throws: StoreError.self) {
            try store.commit(WriteBatch(expectedVersions: [Conformance.key: 1], bookings: [intruder]))
        }
        #expect(try store.day(Conformance.key).bookings.map(\.id) == ["B1"], "nothing of the refused batch was written")
        #expect(try store.dayVersion(Conformance.key) == 1)
        // Back to back is fine, and a cancelled booking frees its minutes.
        try store.commit(WriteBatch(expectedVersions: [Conformance.key: 1], bookings: [Conformance.booking("B3", start: 1200)]))
        var cancelled = Conformance.booking("B1")
        cancelled.status = .cancelled
        let successor = Conformance.booking("B4")
        try store.commit(WriteBatch(expectedVersions: [Conformance.key: 2], bookings: [cancelled, successor]))
        #expect(try store.day(Conformance.key).bookings.filter(\.status.isActive).map(\.id).sorted() == ["B3", "B4"])
    }

    @Test func corruptRowsAreNamedNeverRead() throws {
        let cluster = try #require(PostgresCluster.shared)
        let url = try cluster.createDatabase()
        let store = try PostgresStore(url: url)
        try store.commit(WriteBatch(expectedVersions: [Conformance.key: 0], bookings: [Conformance.booking("B1")]))
        let database = String(url.split(separator: "/").last!)
        try cluster.psql("UPDATE booking SET status = 'zz' WHERE id = 'B1'", database: database)
        #expect(throws: StoreError.corrupt(record: "booking B1", field: "status", problem: "unknown status \"zz\"")) {
            try store.day(Conformance.key)
        }
        try cluster.psql("UPDATE booking SET status = 'booked', tables = '[]' WHERE id = 'B1'", database: database)
        #expect(throws: StoreError.corrupt(record: "booking B1", field: "tables", problem: "a booking must occupy at least one table")) {
            try store.booking(id: "B1")
        }
    }

    @Test func processesStartingTogetherMigrateOnce() throws {
        let url = try #require(PostgresCluster.shared).createDatabase()
        let opened = (0..<6).map { _ in Result { try PostgresStore(url: url) } }
        for result in opened { _ = try result.get() }
        let stores = try opened.map { try $0.get() }
        _ = try stores[0].saveLayout(Conformance.layout("r"), expectedVersion: 0, unchangedDays: nil)
        #expect(try stores[5].layoutVersion(restaurant: "r") == 1)
    }

    @Test func concurrentWritersNeverBothCommitOnOneVersion() throws {
        let url = try #require(PostgresCluster.shared).createDatabase()
        let writers = 6
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: writers) { index in
            do {
                let store = try PostgresStore(url: url)
                var committed = 0
                for round in 0..<20 {
                    let version = try store.dayVersion(Conformance.key)
                    let booking = Conformance.booking("W\(index)-\(round)", table: "T\(index)", start: 600 + round * 30)
                    do {
                        try store.commit(WriteBatch(expectedVersions: [Conformance.key: version], bookings: [booking]))
                        committed += 1
                    } catch StoreError.conflict {}
                }
                results.add(committed)
            } catch {
                results.fail("\(error)")
            }
        }
        #expect(results.failures.isEmpty, "\(results.failures)")
        let store = try PostgresStore(url: url)
        let day = try store.day(Conformance.key)
        #expect(day.bookings.count == results.total, "every commit that returned is stored, nothing else")
        #expect(day.version == results.total, "one version per commit: no two commits accepted the same read")
    }

    @Test func whileTheServerIsDownCallsAreUnavailableAndTheStoreReconnects() throws {
        let cluster = try PostgresCluster.start()
        defer { cluster.stop() }
        let url = try cluster.createDatabase()
        let store = try PostgresStore(url: url)
        try store.commit(WriteBatch(expectedVersions: [Conformance.key: 0], bookings: [Conformance.booking("B1")]))
        try cluster.kill()
        #expect(throws: StoreError.self) { try store.dayVersion(Conformance.key) }
        do {
            try store.commit(WriteBatch(expectedVersions: [Conformance.key: 1], bookings: [Conformance.booking("B2", start: 1300)]))
            Issue.record("a commit succeeded with the server down")
        } catch let error as StoreError {
            guard case .unavailable = error else { Issue.record("expected unavailable, got \(error)"); return }
        }
        try cluster.startServer()
        #expect(try store.day(Conformance.key).bookings.map(\.id) == ["B1"], "the acknowledged booking survived the crash")
        try store.commit(WriteBatch(expectedVersions: [Conformance.key: 1], bookings: [Conformance.booking("B2", start: 1300)]))
        #expect(try store.dayVersion(Conformance.key) == 2)
    }
}

/// Collects what concurrent workers report.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var total = 0
    private(set) var failures: [String] = []

    func add(_ count: Int) { lock.withLock { total += count } }
    func fail(_ message: String) { lock.withLock { failures.append(message) } }
}
