import Foundation
import MaitreJSON
import PostgresTestSupport
import Seating
import SeatingStore
import Testing

/// A store under test and how to open it again (a second connection, or a restarted process).
struct StoreUnderTest: CustomTestStringConvertible {
    enum Kind: String, CaseIterable, Sendable { case memory, sqlite, postgres }

    let kind: Kind
    /// A new connection to the same data (the same instance for the in-memory store).
    let open: () throws -> any Store
    let cleanup: () -> Void

    var testDescription: String { kind.rawValue }

    /// The kinds this machine can test: PostgreSQL only when a throwaway cluster started
    /// (`PostgresAvailability` fails the run under CI when it did not).
    static var kinds: [Kind] { PostgresCluster.shared == nil ? [.memory, .sqlite] : Kind.allCases }

    static func make(_ kind: Kind) throws -> StoreUnderTest {
        switch kind {
        case .memory:
            let store = InMemoryStore()
            return StoreUnderTest(kind: kind, open: { store }, cleanup: {})
        case .sqlite:
            let path = StoreConformanceTests.temporaryPath()
            return StoreUnderTest(kind: kind, open: { try SQLiteStore(path: path) }, cleanup: {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        case .postgres:
            let url = try #require(PostgresCluster.shared).createDatabase()
            return StoreUnderTest(kind: kind, open: { try PostgresStore(url: url) }, cleanup: {})
        }
    }
}

/// The `Store` contract, one suite run against every store (in-memory, SQLite, PostgreSQL):
/// versions, conflicts between connections standing in for processes, unique keys and ids,
/// atomic layout saves, reopening.
@Suite struct StoreConformanceTests {
    static func layout(_ restaurant: String) -> Layout {
        Layout(restaurant: restaurant, tables: [Table(id: "T1", max: 2)], services: [Service(name: "d", first: 1080, last: 1260)])
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("maitre-store-\(UUID().uuidString).db").path
    }

    static let date = ServiceDate("2026-11-21")!
    static let key = DayKey(restaurant: "r", date: date)

    static func booking(_ id: String, table: String = "T1", start: Int = 1140) -> Booking {
        Booking(id: id, restaurant: "r", date: date, start: start, duration: 60, party: 2, tables: [table],
                guest: JSONWriter.string(.object([JSONMember("name", "Ada"), JSONMember("n", .number("1.50"))])), idempotencyKey: "k-\(id)",
                createdAt: "2026-11-19T09:00:00Z", updatedAt: "2026-11-19T09:00:00Z")
    }

    @Test(arguments: StoreUnderTest.kinds) func roundTripsBookingsAndVersions(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        let store = try subject.open()
        #expect(try store.dayVersion(Self.key) == 0)
        let booking = Self.booking("B1")
        try store.commit(WriteBatch(expectedVersions: [Self.key: 0], bookings: [booking]))
        #expect(try store.dayVersion(Self.key) == 1)
        #expect(try store.booking(id: "B1") == booking)
        #expect(try store.day(Self.key).bookings == [booking])
        #expect(try store.activeBookings(restaurant: "r", from: Self.date) == [booking])
        #expect(try store.activeBookings(restaurant: "r", from: Self.date.adding(days: 1)!) == [])
    }

    @Test(arguments: StoreUnderTest.kinds) func staleWriterGetsAConflictAndWritesNothing(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        let first = try subject.open()
        let second = try subject.open()
        let seenByBoth = try first.dayVersion(Self.key)
        #expect(try second.dayVersion(Self.key) == seenByBoth)
        try first.commit(WriteBatch(expectedVersions: [Self.key: seenByBoth], bookings: [Self.booking("B1")]))
        #expect(throws: StoreError.self) {
            try second.commit(WriteBatch(expectedVersions: [Self.key: seenByBoth], bookings: [Self.booking("B2")]))
        }
        #expect(try second.day(Self.key).bookings.map(\.id) == ["B1"])
    }

    /// A reshuffle's batch: the new party takes T1 and the party it displaces moves to T2, listed
    /// new-first. No store may see the new party meet the old minutes of the one moving away.
    @Test(arguments: StoreUnderTest.kinds) func aBatchMayGiveATableToANewPartyAsItsOldPartyMovesOff(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        let store = try subject.open()
        try store.commit(WriteBatch(expectedVersions: [Self.key: 0], bookings: [Self.booking("B1")]))
        let moved = Self.booking("B1", table: "T2")
        try store.commit(WriteBatch(expectedVersions: [Self.key: 1], bookings: [Self.booking("B2"), moved]))
        let stored = try store.day(Self.key).bookings
        #expect(stored.map(\.id) == ["B1", "B2"])
        #expect(stored.map(\.tables) == [["T2"], ["T1"]])
    }

    @Test(arguments: StoreUnderTest.kinds) func idempotencyKeysAreUniquePerRestaurant(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        let store = try subject.open()
        let record = IdempotencyRecord(restaurant: "r", key: "k", fingerprint: "f", bookingID: "B1")
        try store.commit(WriteBatch(expectedVersions: [Self.key: 0], bookings: [Self.booking("B1")], idempotency: [record]))
        #expect(try store.idempotency(restaurant: "r", key: "k") == record)
        #expect(throws: StoreError.duplicateKey("k")) {
            try store.commit(WriteBatch(expectedVersions: [Self.key: 1], bookings: [Self.booking("B2")], idempotency: [record]))
        }
        #expect(try store.booking(id: "B2") == nil, "the failed batch wrote nothing")
        let elsewhere = IdempotencyRecord(restaurant: "other", key: "k", fingerprint: "f", bookingID: "B3")
        try store.commit(WriteBatch(idempotency: [elsewhere]))
    }

    @Test(arguments: StoreUnderTest.kinds) func bookingIDsAreUniqueAcrossConnections(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        let first = try subject.open()
        let second = try subject.open()
        var ids: Set<String> = []
        for _ in 0..<200 {
            ids.insert(try first.newBookingID())
            ids.insert(try second.newBookingID())
        }
        #expect(ids.count == 400)
    }

    @Test(arguments: StoreUnderTest.kinds) func movingABookingToAnotherDateBumpsBothDays(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        let store = try subject.open()
        var booking = Self.booking("B1")
        try store.commit(WriteBatch(expectedVersions: [Self.key: 0], bookings: [booking]))
        booking.date = Self.date.adding(days: 1)!
        let nextKey = DayKey(restaurant: "r", date: booking.date)
        try store.commit(WriteBatch(expectedVersions: [Self.key: 1, nextKey: 0], bookings: [booking]))
        #expect(try store.day(Self.key).bookings.isEmpty)
        #expect(try store.day(Self.key).version == 2)
        #expect(try store.day(nextKey).bookings.map(\.id) == ["B1"])
    }

    @Test(arguments: StoreUnderTest.kinds) func layoutsAreVersionedAndReopeningKeepsEverything(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        do {
            let store = try subject.open()
            let layout = Self.layout("r")
            #expect(try store.saveLayout(layout, expectedVersion: 0, unchangedDays: nil) == 1)
            #expect(throws: StoreError.self) { try store.saveLayout(layout, expectedVersion: 0, unchangedDays: nil) }
            #expect(try store.saveLayout(layout, expectedVersion: 1, unchangedDays: nil) == 2)
            try store.commit(WriteBatch(expectedVersions: [Self.key: 0], bookings: [Self.booking("B1")]))
        }
        let reopened = try subject.open()
        #expect(try reopened.layout(restaurant: "r")?.version == 2)
        #expect(try reopened.restaurantCount() == 1)
        #expect(try reopened.booking(id: "B1") == Self.booking("B1"))
    }

    @Test(arguments: StoreUnderTest.kinds) func aLayoutAndItsReseatedBookingsAreSavedTogetherOrNotAtAll(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        let store = try subject.open()
        _ = try store.saveLayout(Self.layout("r"), expectedVersion: 0, unchangedDays: nil)
        try store.commit(WriteBatch(expectedVersions: [Self.key: 0], bookings: [Self.booking("B1")]))
        var moved = Self.booking("B1", table: "T2")
        moved.updatedAt = "2026-11-20T10:00:00Z"
        let seen = try store.dayVersions(restaurant: "r", from: Self.date)
        // Another writer books in between: the save and the move are refused together.
        try store.commit(WriteBatch(expectedVersions: [Self.key: 1], bookings: [Self.booking("B2", start: 1300)]))
        #expect(throws: StoreError.self) {
            try store.saveLayout(Self.layout("r"), expectedVersion: 1, unchangedDays: (Self.date, seen), bookings: [moved])
        }
        #expect(try store.booking(id: "B1")?.tables == ["T1"])
        #expect(try store.layoutVersion(restaurant: "r") == 1)
        let now = try store.dayVersions(restaurant: "r", from: Self.date)
        #expect(try store.saveLayout(Self.layout("r"), expectedVersion: 1, unchangedDays: (Self.date, now), bookings: [moved]) == 2)
        #expect(try store.booking(id: "B1")?.tables == ["T2"])
        #expect(try store.dayVersion(Self.key) == now[Self.key]! + 1, "the day's version moves with the booking")
    }

    @Test(arguments: StoreUnderTest.kinds) func layoutSaveRefusesWhenABookingSlippedIn(_ kind: StoreUnderTest.Kind) throws {
        let subject = try StoreUnderTest.make(kind)
        defer { subject.cleanup() }
        let checker = try subject.open()
        let booker = try subject.open()
        let layout = Self.layout("r")
        _ = try checker.saveLayout(layout, expectedVersion: 0, unchangedDays: nil)
        try booker.commit(WriteBatch(expectedVersions: [Self.key: 0], bookings: [Self.booking("B1")]))
        let seen = try checker.dayVersions(restaurant: "r", from: Self.date)
        #expect(seen == [Self.key: 1])
        // Another process books on a new date after the check read the days.
        let later = DayKey(restaurant: "r", date: Self.date.adding(days: 3)!)
        var other = Self.booking("B2")
        other.date = later.date
        try booker.commit(WriteBatch(expectedVersions: [later: 0], bookings: [other]))
        #expect(throws: StoreError.self) { try checker.saveLayout(layout, expectedVersion: 1, unchangedDays: (Self.date, seen)) }
        let now = try checker.dayVersions(restaurant: "r", from: Self.date)
        #expect(try checker.saveLayout(layout, expectedVersion: 1, unchangedDays: (Self.date, now)) == 2)
        // With no bookings at all, a first booking slipping in is caught too.
        let empty = try checker.dayVersions(restaurant: "r", from: Self.date.adding(days: 10)!)
        #expect(empty.isEmpty)
        var first = Self.booking("B3")
        first.date = Self.date.adding(days: 12)!
        try booker.commit(WriteBatch(expectedVersions: [DayKey(restaurant: "r", date: first.date): 0], bookings: [first]))
        #expect(throws: StoreError.self) {
            try checker.saveLayout(layout, expectedVersion: 2, unchangedDays: (Self.date.adding(days: 10)!, empty))
        }
    }
}
