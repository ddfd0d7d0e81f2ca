import Foundation
import GRDB
import Seating

/// How a layout travels to and from its stored text; the service layer owns the document format.
public struct LayoutCodec: Sendable {
    public let encode: @Sendable (Layout) -> String
    public let decode: @Sendable (String) throws -> Layout

    public init(encode: @escaping @Sendable (Layout) -> String, decode: @escaping @Sendable (String) throws -> Layout) {
        self.encode = encode
        self.decode = decode
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
/// - booking ids are unique across processes: each process reserves blocks of the sequence.
///
/// ```swift
/// let store = try SQLiteStore(path: "maitre.db", layoutCodec: codec)
/// try store.commit(WriteBatch(expectedVersions: [key: 3], bookings: [booking]))
/// ```
public final class SQLiteStore: Store {
    /// Booking ids a process reserves at once.
    static let idBlock = 64

    private let database: DatabaseQueue
    private let codec: LayoutCodec
    private var reservedIDs: Range<Int> = 0..<0

    /// Opens (creating if needed) the database at `path`; `":memory:"` gives a private in-memory one.
    public init(path: String, layoutCodec: LayoutCodec, busyTimeout: TimeInterval = 10) throws {
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
        codec = layoutCodec
        try Self.migrator.migrate(database)
    }

    /// The schema, one named migration per change.
    static var migrator: DatabaseMigrator {
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
        return migrator
    }

    // MARK: - Reads

    public func layout(restaurant: String) throws -> StoredLayout? {
        guard let row = try database.read({ db in
            try Row.fetchOne(db, sql: "SELECT layout, version FROM restaurant WHERE id = ?", arguments: [restaurant])
        }) else { return nil }
        return StoredLayout(layout: try codec.decode(row["layout"]), version: row["version"])
    }

    public func layoutVersion(restaurant: String) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT version FROM restaurant WHERE id = ?", arguments: [restaurant]) ?? 0
        }
    }

    public func dayVersions(restaurant: String, from date: ServiceDate) throws -> [DayKey: Int] {
        try database.read { db in try Self.dayVersions(db, restaurant: restaurant, from: date) }
    }

    private static func dayVersions(_ db: Database, restaurant: String, from date: ServiceDate) throws -> [DayKey: Int] {
        var versions: [DayKey: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT date, version FROM day WHERE restaurant = ? AND date >= ?",
                                    arguments: [restaurant, date.description]) {
            if let day = ServiceDate(row["date"] as String) { versions[DayKey(restaurant: restaurant, date: day)] = row["version"] }
        }
        return versions
    }

    public func restaurantCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM restaurant") ?? 0 }
    }

    public func day(_ key: DayKey) throws -> DayRecord {
        try database.read { db in
            let version = try Self.version(db, key)
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM booking WHERE restaurant = ? AND date = ? ORDER BY id",
                                        arguments: [key.restaurant, key.date.description])
            return DayRecord(bookings: try rows.map(Self.booking), version: version)
        }
    }

    public func dayVersion(_ key: DayKey) throws -> Int {
        try database.read { db in try Self.version(db, key) }
    }

    public func booking(id: String) throws -> Booking? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM booking WHERE id = ?", arguments: [id]).map(Self.booking)
        }
    }

    public func activeBookings(restaurant: String, from date: ServiceDate) throws -> [Booking] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM booking WHERE restaurant = ? AND date >= ? AND status IN ('booked', 'seated')
                ORDER BY date, start, id
                """, arguments: [restaurant, date.description]).map(Self.booking)
        }
    }

    public func idempotency(restaurant: String, key: String) throws -> IdempotencyRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM idempotency WHERE restaurant = ? AND key = ?",
                             arguments: [restaurant, key]).map { row in
                IdempotencyRecord(restaurant: row["restaurant"], key: row["key"], fingerprint: row["fingerprint"],
                                  bookingID: row["booking"], moved: row["moved"])
            }
        }
    }

    // MARK: - Writes

    public func saveLayout(_ layout: Layout, expectedVersion: Int?, unchangedDays: (from: ServiceDate, versions: [DayKey: Int])?) throws -> Int {
        let document = codec.encode(layout)
        return try immediate { db in
            let current = try Int.fetchOne(db, sql: "SELECT version FROM restaurant WHERE id = ?", arguments: [layout.restaurant]) ?? 0
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
            var touched: Set<DayKey> = []
            for booking in batch.bookings {
                if let previous = try String.fetchOne(db, sql: "SELECT date FROM booking WHERE id = ?", arguments: [booking.id]),
                   previous != booking.date.description, let date = ServiceDate(previous) {
                    touched.insert(DayKey(restaurant: booking.restaurant, date: date))
                }
                try Self.upsert(db, booking)
                touched.insert(DayKey(restaurant: booking.restaurant, date: booking.date))
            }
            for key in touched {
                try db.execute(sql: """
                    INSERT INTO day (restaurant, date, version) VALUES (?, ?, 1)
                    ON CONFLICT (restaurant, date) DO UPDATE SET version = version + 1
                    """, arguments: [key.restaurant, key.date.description])
            }
            for record in batch.idempotency {
                try db.execute(sql: "INSERT INTO idempotency (restaurant, key, fingerprint, booking, moved) VALUES (?, ?, ?, ?, ?)",
                               arguments: [record.restaurant, record.key, record.fingerprint, record.bookingID, record.moved])
            }
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

    private static func version(_ db: Database, _ key: DayKey) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT version FROM day WHERE restaurant = ? AND date = ?",
                         arguments: [key.restaurant, key.date.description]) ?? 0
    }

    private static func strings(_ items: [String]) -> String {
        JSONWriter.string(.array(items.map { .string($0) }))
    }

    private static func strings(from text: String) -> [String] {
        ((try? JSONParser.parse(Array(text.utf8)))?.arrayValue ?? []).compactMap(\.stringValue)
    }

    private static func upsert(_ db: Database, _ booking: Booking) throws {
        try db.execute(sql: """
            INSERT INTO booking (id, restaurant, date, start, duration, party, tables, status, channel, locked, area, tags,
                                 notes, guest, idempotency_key, duration_given, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                date = excluded.date, start = excluded.start, duration = excluded.duration, party = excluded.party,
                tables = excluded.tables, status = excluded.status, locked = excluded.locked, notes = excluded.notes,
                duration_given = excluded.duration_given, updated_at = excluded.updated_at
            """, arguments: [
                booking.id, booking.restaurant, booking.date.description, booking.start, booking.duration, booking.party,
                strings(booking.tables), booking.status.rawValue, booking.channel.rawValue, booking.locked, booking.area,
                strings(booking.tags), booking.notes, booking.guest.map(JSONWriter.string), booking.idempotencyKey,
                booking.durationGiven, booking.createdAt, booking.updatedAt,
            ])
    }

    private static func booking(_ row: Row) throws -> Booking {
        let dateText: String = row["date"]
        guard let date = ServiceDate(dateText) else { throw StoreError.failure("booking \(row["id"] as String) has a bad date") }
        let guestText: String? = row["guest"]
        return Booking(
            id: row["id"], restaurant: row["restaurant"], date: date, start: row["start"], duration: row["duration"],
            party: row["party"], tables: strings(from: row["tables"]),
            status: Booking.Status(rawValue: row["status"]) ?? .booked,
            channel: Booking.Channel(rawValue: row["channel"]) ?? .online, locked: row["locked"], area: row["area"],
            tags: strings(from: row["tags"]), notes: row["notes"],
            guest: try guestText.map { try JSONParser.parse(Array($0.utf8)) },
            idempotencyKey: row["idempotency_key"], durationGiven: row["duration_given"],
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}
