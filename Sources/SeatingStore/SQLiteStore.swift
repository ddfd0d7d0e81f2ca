import Foundation
import GRDB
import Seating

/// Reads layouts that stores before `StoredLayoutFormat` 1 kept as the protocol's layout
/// document; the service layer, which owns that document, supplies it. Used once, by the
/// migration that rewrites such rows in the store's own format.
public struct LegacyLayoutReader: Sendable {
    public let read: @Sendable (String) throws -> Layout

    public init(read: @escaping @Sendable (String) throws -> Layout) {
        self.read = read
    }
}

/// The embedded, durable `Store`: one SQLite file, safe to share between processes.
///
/// Invariants:
/// - every `commit` is one `BEGIN IMMEDIATE` transaction that first re-reads the version of each
///   restaurant-day the caller read and refuses (`StoreError.conflict`) when any moved, so two
///   processes can never both seat a party on the same table-minute;
/// - the journal is WAL with `synchronous = FULL`: a commit that returned survives a process
///   crash and a power loss;
/// - the schema comes from `DatabaseMigrator` migrations, applied in order, never edited;
/// - every stored value is read strictly (`BookingRecord`, `StoredLayoutFormat`, `ColumnReader`):
///   one that cannot be read is `StoreError.corrupt` naming its row and column, never a default;
/// - booking ids are unique across processes: each process reserves blocks of the sequence.
///
/// ```swift
/// let store = try SQLiteStore(path: "maitre.db")
/// try store.commit(WriteBatch(expectedVersions: [key: 3], bookings: [booking]))
/// ```
public final class SQLiteStore: Store {
    /// Booking ids a process reserves at once.
    static let idBlock = 64

    private let database: DatabaseQueue
    private var reservedIDs: Range<Int> = 0..<0

    /// Opens (creating if needed) the database at `path`; `":memory:"` gives a private in-memory
    /// one. `legacyLayouts` reads layouts stored before the store had its own format.
    public init(path: String, legacyLayouts: LegacyLayoutReader? = nil, busyTimeout: TimeInterval = 10) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "maitre"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        if path == ":memory:" {
            database = try DatabaseQueue(configuration: configuration)
        } else {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
        }
        try Self.migrator(legacyLayouts: legacyLayouts).migrate(database)
    }

    /// The schema, one named migration per change.
    static func migrator(legacyLayouts: LegacyLayoutReader?) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: restaurants, days, bookings, idempotency keys") { db in
            try db.execute(sql: """
                CREATE TABLE restaurant (
                    id TEXT PRIMARY KEY NOT NULL,
                    layout TEXT NOT NULL,
                    version INTEGER NOT NULL
                );
                CREATE TABLE day (
                    restaurant TEXT NOT NULL,
                    date TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    PRIMARY KEY (restaurant, date)
                ) WITHOUT ROWID;
                CREATE TABLE booking (
                    id TEXT PRIMARY KEY NOT NULL,
                    restaurant TEXT NOT NULL,
                    date TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    duration INTEGER NOT NULL,
                    party INTEGER NOT NULL,
                    tables TEXT NOT NULL,
                    status TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    locked INTEGER NOT NULL,
                    area TEXT,
                    tags TEXT NOT NULL,
                    notes TEXT,
                    guest TEXT,
                    idempotency_key TEXT,
                    duration_given INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX booking_by_day ON booking (restaurant, date);
                CREATE TABLE idempotency (
                    restaurant TEXT NOT NULL,
                    key TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    booking TEXT NOT NULL,
                    moved TEXT NOT NULL,
                    PRIMARY KEY (restaurant, key)
                ) WITHOUT ROWID;
                CREATE TABLE sequence (
                    name TEXT PRIMARY KEY NOT NULL,
                    value INTEGER NOT NULL
                );
                INSERT INTO sequence (name, value) VALUES ('booking', 0);
                """)
        }
        migrator.registerMigration("v2: layouts in the store's own versioned format") { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, layout FROM restaurant") {
                let reader = ColumnReader(row: row, record: "layout of \((try? row.decode(String.self, forColumn: "id")) ?? "?")")
                let text: String = try reader.value("layout")
                guard StoredLayoutFormat.formatVersion(of: text) == nil else { continue }
                guard let legacyLayouts else {
                    throw reader.corrupt("layout", "stored as a protocol document; open the store through the service to convert it")
                }
                let layout: Layout
                do { layout = try legacyLayouts.read(text) } catch {
                    throw reader.corrupt("layout", "the protocol document stored before format 1 no longer reads: \(error)")
                }
                try db.execute(sql: "UPDATE restaurant SET layout = ? WHERE id = ?",
                               arguments: [StoredLayoutFormat.encode(layout), row["id"] as DatabaseValue])
            }
        }
        return migrator
    }

    // MARK: - Reads

    public func layout(restaurant: String) throws -> StoredLayout? {
        guard let row = try database.read({ db in
            try Row.fetchOne(db, sql: "SELECT layout, version FROM restaurant WHERE id = ?", arguments: [restaurant])
        }) else { return nil }
        let reader = ColumnReader(row: row, record: "layout of \(restaurant)")
        return StoredLayout(layout: try StoredLayoutFormat.decode(try reader.value("layout"), restaurant: restaurant),
                            version: try reader.value("version"))
    }

    public func layoutVersion(restaurant: String) throws -> Int {
        try database.read { db in try Self.layoutVersion(db, restaurant: restaurant) }
    }

    public func dayVersions(restaurant: String, from date: ServiceDate) throws -> [DayKey: Int] {
        try database.read { db in try Self.dayVersions(db, restaurant: restaurant, from: date) }
    }

    private static func dayVersions(_ db: Database, restaurant: String, from date: ServiceDate) throws -> [DayKey: Int] {
        var versions: [DayKey: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT date, version FROM day WHERE restaurant = ? AND date >= ?",
                                    arguments: [restaurant, date.description]) {
            let reader = ColumnReader(row: row, record: "day of \(restaurant)")
            versions[DayKey(restaurant: restaurant, date: try reader.date("date"))] = try reader.value("version")
        }
        return versions
    }

    public func restaurantCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM restaurant") ?? 0 }
    }

    public func day(_ key: DayKey) throws -> DayRecord {
        try database.read { db in
            let version = try Self.version(db, key)
            let records = try BookingRecord.fetchAll(db, sql: "SELECT * FROM booking WHERE restaurant = ? AND date = ? ORDER BY id",
                                                     arguments: [key.restaurant, key.date.description])
            return DayRecord(bookings: records.map(\.booking), version: version)
        }
    }

    public func dayVersion(_ key: DayKey) throws -> Int {
        try database.read { db in try Self.version(db, key) }
    }

    public func booking(id: String) throws -> Booking? {
        try database.read { db in
            try BookingRecord.fetchOne(db, sql: "SELECT * FROM booking WHERE id = ?", arguments: [id])?.booking
        }
    }

    public func activeBookings(restaurant: String, from date: ServiceDate) throws -> [Booking] {
        try database.read { db in
            try BookingRecord.fetchAll(db, sql: """
                SELECT * FROM booking WHERE restaurant = ? AND date >= ? AND status IN ('booked', 'seated')
                ORDER BY date, start, id
                """, arguments: [restaurant, date.description]).map(\.booking)
        }
    }

    public func idempotency(restaurant: String, key: String) throws -> IdempotencyRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM idempotency WHERE restaurant = ? AND key = ?",
                             arguments: [restaurant, key]).map(Self.idempotency)
        }
    }

    // MARK: - Writes

    public func saveLayout(_ layout: Layout, expectedVersion: Int?, unchangedDays: (from: ServiceDate, versions: [DayKey: Int])?,
                           bookings: [Booking]) throws -> Int {
        let document = StoredLayoutFormat.encode(layout)
        return try immediate { db in
            let current = try Self.layoutVersion(db, restaurant: layout.restaurant)
            if let expectedVersion, expectedVersion != current {
                throw StoreError.conflict("layout of \(layout.restaurant) is at version \(current), not \(expectedVersion)")
            }
            if let unchangedDays,
               try Self.dayVersions(db, restaurant: layout.restaurant, from: unchangedDays.from) != unchangedDays.versions {
                throw StoreError.conflict("bookings of \(layout.restaurant) changed while the layout was checked")
            }
            try db.execute(sql: """
                INSERT INTO restaurant (id, layout, version) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET layout = excluded.layout, version = excluded.version
                """, arguments: [layout.restaurant, document, current + 1])
            try Self.write(db, bookings)
            return current + 1
        }
    }

    public func newBookingID() throws -> String {
        if reservedIDs.isEmpty {
            let last = try immediate { db in
                try Int.fetchOne(db, sql: "UPDATE sequence SET value = value + ? WHERE name = 'booking' RETURNING value",
                                 arguments: [Self.idBlock]) ?? 0
            }
            reservedIDs = (last - Self.idBlock + 1)..<(last + 1)
        }
        let next = reservedIDs.lowerBound
        reservedIDs = (next + 1)..<reservedIDs.upperBound
        let digits = String(next)
        return "B" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public func commit(_ batch: WriteBatch) throws {
        try immediate { db in
            for (key, expected) in batch.expectedVersions.sorted(by: { $0.key.description < $1.key.description }) {
                let current = try Self.version(db, key)
                if current != expected { throw StoreError.conflict("\(key) is at version \(current), read at \(expected)") }
            }
            for record in batch.idempotency {
                let taken = try Bool.fetchOne(db, sql: "SELECT 1 FROM idempotency WHERE restaurant = ? AND key = ?",
                                              arguments: [record.restaurant, record.key]) ?? false
                if taken { throw StoreError.duplicateKey(record.key) }
            }
            try Self.write(db, batch.bookings)
            for record in batch.idempotency {
                try db.execute(sql: "INSERT INTO idempotency (restaurant, key, fingerprint, booking, moved) VALUES (?, ?, ?, ?, ?)",
                               arguments: [record.restaurant, record.key, record.fingerprint, record.bookingID, record.moved])
            }
        }
    }

    /// Stores `bookings` inside the caller's transaction, and bumps the version of every day
    /// touched (a booking's old date too, when it moved).
    private static func write(_ db: Database, _ bookings: [Booking]) throws {
        var touched: Set<DayKey> = []
        for booking in bookings {
            if let row = try Row.fetchOne(db, sql: "SELECT restaurant, date FROM booking WHERE id = ?", arguments: [booking.id]) {
                let reader = ColumnReader(row: row, record: "booking \(booking.id)")
                let date = try reader.date("date")
                if date != booking.date { touched.insert(DayKey(restaurant: try reader.value("restaurant"), date: date)) }
            }
            try BookingRecord(booking).insert(db, onConflict: .replace)
            touched.insert(DayKey(restaurant: booking.restaurant, date: booking.date))
        }
        for key in touched {
            try db.execute(sql: """
                INSERT INTO day (restaurant, date, version) VALUES (?, ?, 1)
                ON CONFLICT (restaurant, date) DO UPDATE SET version = version + 1
                """, arguments: [key.restaurant, key.date.description])
        }
    }

    // MARK: - Helpers

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock is taken before anything is
    /// read, so what the body checks cannot change before it commits.
    private func immediate<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreError.conflict("the database stayed locked by another writer: \(error.message ?? "busy")")
        } catch let error as DatabaseError {
            throw StoreError.failure("SQLite: \(error.message ?? error.description)")
        }
    }

    // Versions are read on every request: cached statements and no `Row`. The stored value must
    // be a positive integer; SQLite alone would read the text 'zz' as 0, a valid-looking version.
    private static func version(_ db: Database, _ key: DayKey) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT version FROM day WHERE restaurant = ? AND date = ?")
        return try positiveVersion(try DatabaseValue.fetchOne(statement, arguments: [key.restaurant, key.date.description]),
                                   record: "day \(key)")
    }

    private static func layoutVersion(_ db: Database, restaurant: String) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT version FROM restaurant WHERE id = ?")
        return try positiveVersion(try DatabaseValue.fetchOne(statement, arguments: [restaurant]), record: "layout of \(restaurant)")
    }

    /// 0 when there is no row; the stored version when it is a positive integer; else corrupt.
    static func positiveVersion(_ value: DatabaseValue?, record: String) throws(StoreError) -> Int {
        guard let value else { return 0 }
        guard case .int64(let version) = value.storage, version > 0 else {
            throw StoreError.corrupt(record: record, field: "version", problem: "not a positive integer: \(value)")
        }
        return Int(version)
    }

    static func idempotency(_ row: Row) throws -> IdempotencyRecord {
        let reader = ColumnReader(row: row, record: "idempotency key \((try? row.decode(String.self, forColumn: "key")) ?? "?")")
        return IdempotencyRecord(restaurant: try reader.value("restaurant"), key: try reader.value("key"),
                                 fingerprint: try reader.value("fingerprint"), bookingID: try reader.value("booking"),
                                 moved: try reader.value("moved"))
    }
}
