/// The PostgreSQL schema, as named migrations applied in order and recorded in the database
/// (`maitre_migration`).
///
/// Invariants:
/// - a released migration is never edited: a change is a new migration appended to `all`;
/// - every table is keyed by `restaurant_id` first (bookings by restaurant, date, id), so
///   restaurants are independent; `booking` and `booking_table` are hash-partitioned by
///   `restaurant_id`, and the same DDL distributes on Citus by `restaurant_id`;
/// - `booking_table` holds one row per physical table of each active booking with the absolute
///   minutes it occupies, and an exclusion constraint on every partition makes two active
///   bookings on one table-minute impossible whatever the engine decides.
enum PostgresSchema {
    struct Migration {
        let name: String
        let sql: String
    }

    /// Hash partitions of the partitioned tables.
    static let partitions = 8

    /// The epoch of `booking_table.minutes`: minute 0 is 2000-01-01 00:00 of the service date's clock.
    static let epoch = "DATE '2000-01-01'"

    static let all: [Migration] = [
        Migration(name: "v1: restaurants, days, bookings with their tables' minutes, idempotency keys, id blocks", sql: """
            CREATE EXTENSION IF NOT EXISTS btree_gist;
            CREATE TABLE restaurant (
                restaurant_id text PRIMARY KEY,
                layout text NOT NULL,
                version integer NOT NULL CHECK (version > 0)
            );
            CREATE TABLE day (
                restaurant_id text NOT NULL,
                date date NOT NULL,
                version integer NOT NULL CHECK (version > 0),
                PRIMARY KEY (restaurant_id, date)
            );
            CREATE TABLE booking (
                restaurant_id text NOT NULL,
                date date NOT NULL,
                id text NOT NULL,
                start integer NOT NULL,
                duration integer NOT NULL,
                party integer NOT NULL,
                tables text NOT NULL,
                status text NOT NULL,
                channel text NOT NULL,
                locked boolean NOT NULL,
                area text,
                tags text NOT NULL,
                notes text,
                guest text,
                idempotency_key text,
                duration_given boolean NOT NULL,
                created_at text NOT NULL,
                updated_at text NOT NULL,
                PRIMARY KEY (restaurant_id, date, id)
            ) PARTITION BY HASH (restaurant_id);
            \(partitionsSQL(of: "booking", constraint: nil))
            CREATE INDEX booking_by_id ON booking (id);
            CREATE TABLE booking_table (
                restaurant_id text NOT NULL,
                table_id text NOT NULL,
                booking_id text NOT NULL,
                minutes int4range NOT NULL
            ) PARTITION BY HASH (restaurant_id);
            \(partitionsSQL(of: "booking_table", constraint: "EXCLUDE USING gist (restaurant_id WITH =, table_id WITH =, minutes WITH &&)"))
            CREATE INDEX booking_table_by_booking ON booking_table (restaurant_id, booking_id);
            CREATE TABLE idempotency (
                restaurant_id text NOT NULL,
                key text NOT NULL,
                fingerprint text NOT NULL,
                booking_id text NOT NULL,
                moved text NOT NULL,
                PRIMARY KEY (restaurant_id, key)
            );
            CREATE SEQUENCE booking_id_block START 1 INCREMENT \(PostgresStore.idBlock);
            """),
    ]

    /// The hash partitions of `table`, each with `constraint` (exclusion constraints cannot be
    /// declared on a partitioned table in PostgreSQL 15, only on its partitions).
    static func partitionsSQL(of table: String, constraint: String?) -> String {
        (0..<partitions).map { index in
            let body = constraint.map { " (\($0))" } ?? ""
            return "CREATE TABLE \(table)_p\(index) PARTITION OF \(table)\(body) FOR VALUES WITH (MODULUS \(partitions), REMAINDER \(index));"
        }.joined(separator: "\n")
    }

    /// Applies the migrations `connection`'s database lacks, in one transaction under an
    /// advisory lock, so that processes starting together apply each exactly once.
    static func migrate(_ connection: PostgresConnection) throws(PostgresConnection.Failure) {
        try connection.execute("BEGIN")
        do {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended('maitre migrations', 0))")
            try connection.execute("CREATE TABLE IF NOT EXISTS maitre_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            for migration in all {
                let applied = try connection.execute("SELECT 1 FROM maitre_migration WHERE name = $1", [migration.name])
                guard applied.rows.isEmpty else { continue }
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO maitre_migration (name) VALUES ($1)", [migration.name])
            }
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
