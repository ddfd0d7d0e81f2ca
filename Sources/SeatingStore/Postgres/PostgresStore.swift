import Seating

/// The `Store` on PostgreSQL, for deployments past one machine: any number of `maitre serve`
/// processes on one database (or a PostgreSQL-compatible cluster distributed by restaurant).
///
/// Invariants:
/// - every `commit` is one transaction that first takes a transaction-scoped advisory lock on
///   each restaurant-day it writes (shared locks on their restaurants, in sorted order), then
///   re-reads the version of each day the caller read and refuses (`StoreError.conflict`) when
///   any moved: two processes can never both seat a party on the same table-minute. `saveLayout`
///   takes its restaurant's lock exclusively, so no booking slips in while a layout is checked;
/// - a last line of defence the engine cannot bypass: `booking_table` rows with an exclusion
///   constraint (`PostgresSchema`); a violation is a `conflict`, never a double booking;
/// - serialization failures and deadlocks (SQLSTATE 40001, 40P01) are retried; an exclusion
///   violation (23P01) is a conflict the service retries from a fresh read;
/// - while the server is unreachable every call throws `StoreError.unavailable` and changes
///   nothing it acknowledged; the next call reconnects. A `COMMIT` whose answer was lost is
///   settled by asking the server on a new connection whether the transaction committed;
///   only when it cannot be asked is it reported `unavailable` with its outcome unknown
///   (never acknowledged): a retry with the same idempotency key replays it if it was stored;
/// - a day's bookings and version are read in one statement (one snapshot), so a cached day is
///   never newer in version than in bookings;
/// - stored values are read strictly (`Booking.init(stored:)`, `StoredLayoutFormat`).
///
/// ```swift
/// let store = try PostgresStore(url: "postgres://maitre@127.0.0.1:5432/maitre")
/// ```
public final class PostgresStore: Store {
    /// Booking ids a process reserves at once (the sequence's increment).
    static let idBlock = 64
    /// Attempts of a transaction that failed on a serialization failure or a deadlock.
    static let transactionAttempts = 5

    private let connection: PostgresConnection
    private var reservedIDs: Range<Int> = 0..<0

    /// Whether `location` names a PostgreSQL database (`postgres://` or `postgresql://`).
    public static func handles(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// `url` fit for a log: a password in it (`postgres://user:secret@host/db`) shown as `***`.
    public static func redacted(_ url: String) -> String {
        guard handles(url), let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
              let colon = url[scheme.upperBound..<at].firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }

    /// Connects to `url` and applies the migrations the database lacks.
    public init(url: String) throws(StoreError) {
        do {
            connection = try PostgresConnection(url: url)
            try PostgresSchema.migrate(connection)
        } catch {
            throw Self.storeError(error)
        }
    }

    // MARK: - Reads

    public func layout(restaurant: String) throws -> StoredLayout? {
        let rows = try read("SELECT layout, version FROM restaurant WHERE restaurant_id = $1", [restaurant])
        guard !rows.rows.isEmpty else { return nil }
        let row = rows.row(0, record: "layout of \(restaurant)")
        return StoredLayout(layout: try StoredLayoutFormat.decode(try row.text("layout"), restaurant: restaurant),
                            version: try Self.positiveVersion(row))
    }

    public func layoutVersion(restaurant: String) throws -> Int {
        let rows = try read("SELECT version FROM restaurant WHERE restaurant_id = $1", [restaurant], prepare: true)
        return rows.rows.isEmpty ? 0 : try Self.positiveVersion(rows.row(0, record: "layout of \(restaurant)"))
    }

    public func dayVersions(restaurant: String, from date: ServiceDate) throws -> [DayKey: Int] {
        try Self.dayVersions(try read(Self.dayVersionsSQL, [restaurant, date.description]), restaurant: restaurant)
    }

    private static let dayVersionsSQL = "SELECT to_char(date, 'YYYY-MM-DD') AS date, version FROM day WHERE restaurant_id = $1 AND date >= $2"

    private static func dayVersions(_ rows: PostgresRows, restaurant: String) throws -> [DayKey: Int] {
        var versions: [DayKey: Int] = [:]
        for row in rows.all(record: { _ in "day of \(restaurant)" }) {
            versions[DayKey(restaurant: restaurant, date: try row.date("date"))] = try positiveVersion(row)
        }
        return versions
    }

    public func restaurantCount() throws -> Int {
        let rows = try read("SELECT count(*) AS n FROM restaurant", [])
        return try rows.row(0, record: "restaurant count").int("n")
    }

    public func day(_ key: DayKey) throws -> DayRecord {
        // One statement, one snapshot: the version and the bookings it covers.
        let rows = try read("""
            SELECT d.version AS day_version, \(Self.bookingColumns("b"))
            FROM (VALUES (1)) AS one
            LEFT JOIN day d ON d.restaurant_id = $1 AND d.date = $2
            LEFT JOIN booking b ON b.restaurant_id = $1 AND b.date = $2
            ORDER BY b.id
            """, [key.restaurant, key.date.description], prepare: true)
        let first = rows.row(0, record: "day \(key)")
        let version = try first.optionalText("day_version") == nil ? 0 : try Self.positiveVersion(first, column: "day_version")
        var bookings: [Booking] = []
        for row in rows.all(record: Self.bookingName) where row.peek("id") != nil {
            bookings.append(try Booking(stored: row))
        }
        return DayRecord(bookings: bookings, version: version)
    }

    public func dayVersion(_ key: DayKey) throws -> Int {
        let rows = try read("SELECT version FROM day WHERE restaurant_id = $1 AND date = $2",
                            [key.restaurant, key.date.description], prepare: true)
        return rows.rows.isEmpty ? 0 : try Self.positiveVersion(rows.row(0, record: "day \(key)"))
    }

    public func booking(id: String) throws -> Booking? {
        let rows = try read("SELECT \(Self.bookingColumns()) FROM booking WHERE id = $1", [id], prepare: true)
        return try rows.all(record: Self.bookingName).first.map { try Booking(stored: $0) }
    }

    public func activeBookings(restaurant: String, from date: ServiceDate) throws -> [Booking] {
        let rows = try read("""
            SELECT \(Self.bookingColumns()) FROM booking
            WHERE restaurant_id = $1 AND date >= $2 AND status IN ('booked', 'seated')
            ORDER BY date, start, id
            """, [restaurant, date.description])
        return try rows.all(record: Self.bookingName).map { try Booking(stored: $0) }
    }

    public func idempotency(restaurant: String, key: String) throws -> IdempotencyRecord? {
        let rows = try read("""
            SELECT restaurant_id, key, fingerprint, booking_id, moved FROM idempotency WHERE restaurant_id = $1 AND key = $2
            """, [restaurant, key], prepare: true)
        guard !rows.rows.isEmpty else { return nil }
        let row = rows.row(0, record: "idempotency key \(key) of \(restaurant)")
        return IdempotencyRecord(restaurant: try row.text("restaurant_id"), key: try row.text("key"),
                                 fingerprint: try row.text("fingerprint"), bookingID: try row.text("booking_id"),
                                 moved: try row.text("moved"))
    }

    // MARK: - Writes

    public func saveLayout(_ layout: Layout, expectedVersion: Int?, unchangedDays: (from: ServiceDate, versions: [DayKey: Int])?,
                           bookings: [Booking]) throws -> Int {
        let document = StoredLayoutFormat.encode(layout)
        let restaurant = layout.restaurant
        return try transaction { connection in
            try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended('maitre restaurant ' || $1, 0))", [restaurant])
            let rows = try connection.execute("SELECT version FROM restaurant WHERE restaurant_id = $1", [restaurant])
            let current = rows.rows.isEmpty ? 0 : try Self.positiveVersion(rows.row(0, record: "layout of \(restaurant)"))
            if let expectedVersion, expectedVersion != current {
                throw StoreError.conflict("layout of \(restaurant) is at version \(current), not \(expectedVersion)")
            }
            if let unchangedDays {
                let now = try Self.dayVersions(try connection.execute(Self.dayVersionsSQL, [restaurant, unchangedDays.from.description]),
                                               restaurant: restaurant)
                if now != unchangedDays.versions { throw StoreError.conflict("bookings of \(restaurant) changed while the layout was checked") }
            }
            try connection.execute("""
                INSERT INTO restaurant (restaurant_id, layout, version) VALUES ($1, $2, $3)
                ON CONFLICT (restaurant_id) DO UPDATE SET layout = excluded.layout, version = excluded.version
                """, [restaurant, document, String(current + 1)])
            try Self.lockDays(connection, Set(bookings.map { DayKey(restaurant: $0.restaurant, date: $0.date) }), restaurantsShared: [])
            try Self.write(connection, bookings)
            return current + 1
        }
    }

    public func newBookingID() throws -> String {
        if reservedIDs.isEmpty {
            let rows = try read("SELECT nextval('booking_id_block') AS first", [])
            let first = try rows.row(0, record: "booking id sequence").int("first")
            reservedIDs = first..<(first + Self.idBlock)
        }
        let next = reservedIDs.lowerBound
        reservedIDs = (next + 1)..<reservedIDs.upperBound
        let digits = String(next)
        return "B" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public func commit(_ batch: WriteBatch) throws {
        var days = Set(batch.expectedVersions.keys)
        for booking in batch.bookings { days.insert(DayKey(restaurant: booking.restaurant, date: booking.date)) }
        let restaurants = Set(days.map(\.restaurant)).union(batch.idempotency.map(\.restaurant))
        try transaction { connection in
            try Self.lockDays(connection, days, restaurantsShared: restaurants)
            for (key, expected) in batch.expectedVersions.sorted(by: { $0.key.description < $1.key.description }) {
                let rows = try connection.execute("SELECT version FROM day WHERE restaurant_id = $1 AND date = $2",
                                                  [key.restaurant, key.date.description], prepare: true)
                let current = rows.rows.isEmpty ? 0 : try Self.positiveVersion(rows.row(0, record: "day \(key)"))
                if current != expected { throw StoreError.conflict("\(key) is at version \(current), read at \(expected)") }
            }
            for record in batch.idempotency {
                let taken = try connection.execute("SELECT 1 FROM idempotency WHERE restaurant_id = $1 AND key = $2",
                                                   [record.restaurant, record.key], prepare: true)
                if !taken.rows.isEmpty { throw StoreError.duplicateKey(record.key) }
            }
            try Self.write(connection, batch.bookings)
            for record in batch.idempotency {
                do {
                    try connection.execute("""
                        INSERT INTO idempotency (restaurant_id, key, fingerprint, booking_id, moved) VALUES ($1, $2, $3, $4, $5)
                        """, [record.restaurant, record.key, record.fingerprint, record.bookingID, record.moved], prepare: true)
                } catch let failure as PostgresConnection.Failure where failure.sqlState == "23505" {
                    throw StoreError.duplicateKey(record.key)
                }
            }
        }
    }

    /// Takes, in one sorted order for every writer, a shared lock on each of `restaurantsShared`
    /// and an exclusive lock on each of `days`, all released when the transaction ends.
    private static func lockDays(_ connection: PostgresConnection, _ days: Set<DayKey>,
                                 restaurantsShared: Set<String>) throws(PostgresConnection.Failure) {
        for restaurant in restaurantsShared.sorted() {
            try connection.execute("SELECT pg_advisory_xact_lock_shared(hashtextextended('maitre restaurant ' || $1, 0))",
                                   [restaurant], prepare: true)
        }
        for key in days.sorted(by: { $0.description < $1.description }) {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended('maitre day ' || $1 || ' ' || $2, 0))",
                                   [key.restaurant, key.date.description], prepare: true)
        }
    }

    /// Stores `bookings` inside the caller's transaction with the minutes their tables occupy
    /// while active, and bumps the version of every day touched (a booking's old date too).
    /// Every old row goes before any new one is written: a batch that moves one party off a
    /// table and seats another there never meets its own old minutes in the exclusion constraint.
    private static func write(_ connection: PostgresConnection, _ bookings: [Booking]) throws {
        var touched: Set<DayKey> = []
        for booking in bookings {
            let old = try connection.execute("""
                DELETE FROM booking WHERE restaurant_id = $1 AND id = $2 RETURNING to_char(date, 'YYYY-MM-DD') AS date
                """, [booking.restaurant, booking.id], prepare: true)
            for row in old.all(record: { _ in "booking \(booking.id)" }) {
                touched.insert(DayKey(restaurant: booking.restaurant, date: try row.date("date")))
            }
            try connection.execute("DELETE FROM booking_table WHERE restaurant_id = $1 AND booking_id = $2",
                                   [booking.restaurant, booking.id], prepare: true)
        }
        for booking in bookings {
            try connection.execute("""
                INSERT INTO booking (restaurant_id, date, id, start, duration, party, tables, status, channel, locked, area, tags,
                                     notes, guest, idempotency_key, duration_given, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
                """, [
                    booking.restaurant, booking.date.description, booking.id, String(booking.start), String(booking.duration),
                    String(booking.party), StoredJSON.strings(booking.tables), booking.status.rawValue, booking.channel.rawValue,
                    booking.locked ? "t" : "f", booking.area, StoredJSON.strings(booking.tags), booking.notes, booking.guest,
                    booking.idempotencyKey, booking.durationGiven ? "t" : "f", booking.createdAt, booking.updatedAt,
                ], prepare: true)
            if booking.status.isActive {
                try connection.execute("""
                    INSERT INTO booking_table (restaurant_id, table_id, booking_id, minutes)
                    SELECT $1, t, $2, int4range(($3::date - \(PostgresSchema.epoch)) * 1440 + $4::integer,
                                                ($3::date - \(PostgresSchema.epoch)) * 1440 + $4::integer + $5::integer)
                    FROM json_array_elements_text($6::json) AS t
                    """, [booking.restaurant, booking.id, booking.date.description, String(booking.start), String(booking.duration),
                          StoredJSON.strings(booking.tables)], prepare: true)
            }
            touched.insert(DayKey(restaurant: booking.restaurant, date: booking.date))
        }
        for key in touched.sorted(by: { $0.description < $1.description }) {
            try connection.execute("""
                INSERT INTO day (restaurant_id, date, version) VALUES ($1, $2, 1)
                ON CONFLICT (restaurant_id, date) DO UPDATE SET version = day.version + 1
                """, [key.restaurant, key.date.description], prepare: true)
        }
    }

    // MARK: - Running statements

    /// Runs one read, reconnecting first when the connection was lost; a read that fails on a
    /// lost connection is tried once more on a new one (it changed nothing).
    private func read(_ sql: String, _ parameters: [String?], prepare: Bool = false) throws -> PostgresRows {
        do {
            return try onConnection { connection in try connection.execute(sql, parameters, prepare: prepare) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` in a transaction: retried on serialization failures and deadlocks, and once
    /// on a new connection when the old one was found lost before `COMMIT` was sent. When the
    /// answer to `COMMIT` is lost, the store reconnects and asks the server what became of the
    /// transaction (`pg_xact_status`): committed is success, aborted is retried like a lost
    /// connection; only when the server cannot be asked is the outcome reported unknown.
    private func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        var attempt = 0
        var reconnected = false
        while true {
            attempt += 1
            var committing: (result: T, transaction: String)?
            do {
                if !connection.isOpen { try connection.reconnect() }
                try connection.execute("BEGIN")
                do {
                    let transaction = try connection.execute("SELECT pg_current_xact_id()::text AS xid", [], prepare: true)
                        .row(0, record: "transaction id").text("xid")
                    let result = try body(connection)
                    committing = (result, transaction)
                    try connection.execute("COMMIT")
                    return result
                } catch {
                    if connection.isOpen { _ = try? connection.execute("ROLLBACK") }
                    throw error
                }
            } catch let failure as PostgresConnection.Failure {
                if failure.connectionLost {
                    if let committing {
                        if try committed(committing.transaction, lost: failure) { return committing.result }
                    }
                    if !reconnected {
                        reconnected = true
                        continue
                    }
                } else if ["40001", "40P01"].contains(failure.sqlState ?? ""), attempt < Self.transactionAttempts {
                    continue
                }
                throw Self.storeError(failure)
            }
        }
    }

    /// Whether `transaction`, whose `COMMIT` answer was lost, committed: asked on a new
    /// connection. Throws `unavailable` (outcome unknown) when the server cannot be asked.
    private func committed(_ transaction: String, lost: PostgresConnection.Failure) throws -> Bool {
        do {
            try connection.reconnect()
            let rows = try connection.execute("SELECT pg_xact_status($1::xid8) AS status", [transaction])
            return try rows.row(0, record: "transaction \(transaction)").optionalText("status") == "committed"
        } catch let failure as PostgresConnection.Failure where failure.message.contains("in the future") {
            return false  // Crash recovery ended before this transaction's id: nothing of it survived.
        } catch {
            throw StoreError.unavailable("the connection was lost while committing and the server cannot be asked whether "
                + "the commit happened, so its outcome is unknown; a retry with the same idempotency key answers it: \(lost)")
        }
    }

    /// Runs `body` on an open connection (reconnecting when the last call found it lost); when
    /// `body` fails because the connection was lost before anything could commit, reconnects and
    /// runs it once more.
    private func onConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        if !connection.isOpen { try connection.reconnect() }
        do {
            return try body(connection)
        } catch let failure as PostgresConnection.Failure where failure.connectionLost {
            try connection.reconnect()
            return try body(connection)
        }
    }

    /// A driver failure as the store reports it.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let failure = error as? PostgresConnection.Failure else { return .failure("PostgreSQL: \(error)") }
        if failure.connectionLost { return .unavailable(failure.description) }
        switch failure.sqlState {
        case "23P01": return .conflict("a table-minute is already taken (exclusion constraint): \(failure.message)")
        case "40001", "40P01": return .conflict("PostgreSQL serialization failure: \(failure.message)")
        default: return .failure("PostgreSQL: \(failure)")
        }
    }

    // MARK: - Rows

    /// The booking columns under the names `Booking.init(stored:)` reads.
    private static func bookingColumns(_ alias: String? = nil) -> String {
        let p = alias.map { "\($0)." } ?? ""
        return """
            \(p)id, \(p)restaurant_id AS restaurant, to_char(\(p)date, 'YYYY-MM-DD') AS date, \(p)start, \(p)duration, \(p)party, \
            \(p)tables, \(p)status, \(p)channel, \(p)locked, \(p)area, \(p)tags, \(p)notes, \(p)guest, \(p)idempotency_key, \
            \(p)duration_given, \(p)created_at, \(p)updated_at
            """
    }

    private static func bookingName(_ row: PostgresRow) -> String { "booking \(row.peek("id") ?? "with unreadable id")" }

    private static func positiveVersion(_ row: PostgresRow, column: String = "version") throws(StoreError) -> Int {
        let version = try row.int(column)
        guard version > 0 else { throw row.corrupt(column, "not a positive integer: \(version)") }
        return version
    }
}
