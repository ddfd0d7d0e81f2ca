import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection to a PostgreSQL server, used synchronously (the service loop answers one
/// request at a time, so an async client would only add a runtime to wait on).
///
/// Invariants:
/// - statements are sent with parameters (`PQexecParams` / `PQexecPrepared`, text format), never
///   by splicing values into SQL;
/// - a lost connection is noticed on the failing call (`Failure.connectionLost`) and replaced on
///   the next call by a new one (`reconnect`); prepared statements are prepared again on it;
/// - results are copied out and freed before a call returns: no libpq memory escapes.
final class PostgresConnection {
    /// A failed call: the server's SQLSTATE when it sent one, and whether the connection is gone
    /// (the outcome of an in-flight `COMMIT` is then unknown).
    struct Failure: Error, CustomStringConvertible {
        var sqlState: String?
        var message: String
        var connectionLost: Bool

        var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }
    }

    let url: String
    private var handle: OpaquePointer?
    private var prepared: [String: String] = [:]   // SQL -> statement name on this connection

    /// Connects to `url` (`postgres://user@host:port/dbname?...`): UTC, ISO dates, a 5 s
    /// connect timeout unless the URL says otherwise.
    init(url: String) throws(Failure) {
        self.url = url
        try reconnect()
    }

    deinit { if let handle { PQfinish(handle) } }

    /// Drops the current connection, if any, and opens a new one.
    func reconnect() throws(Failure) {
        if let handle { PQfinish(handle) }
        handle = nil
        prepared = [:]
        // Later entries override earlier ones, and the URL (expanded from `dbname`) comes last.
        let keywords = ["connect_timeout", "application_name", "options", "dbname"]
        let values = ["5", "maitre", "-c DateStyle=ISO -c TimeZone=UTC", url]
        let connection = withCStrings(keywords) { keys in
            withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { Self.trimmed(PQerrorMessage($0)) } ?? "out of memory"
            if let connection { PQfinish(connection) }
            throw Failure(sqlState: nil, message: "cannot connect to PostgreSQL: \(message)", connectionLost: true)
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)   // NOTICEs (e.g. "already exists") are not errors
        handle = connection
    }

    /// Whether the connection is believed usable (libpq learns it is not only when a call fails).
    var isOpen: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// Runs `sql` with `parameters` ($1, $2, ... as text; nil is NULL) and returns its rows.
    /// `prepare` keeps the statement prepared on this connection, for statements run on every
    /// request.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = [], prepare: Bool = false) throws(Failure) -> PostgresRows {
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            throw Failure(sqlState: nil, message: "not connected to PostgreSQL", connectionLost: true)
        }
        var name: String?
        if prepare {
            if let known = prepared[sql] {
                name = known
            } else {
                let fresh = "maitre_\(prepared.count + 1)"
                let result = PQprepare(handle, fresh, sql, Int32(parameters.count), nil)
                defer { PQclear(result) }
                try check(result, handle)
                prepared[sql] = fresh
                name = fresh
            }
        }
        let result = withOptionalCStrings(parameters) { values in
            if let name {
                PQexecPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
            } else {
                PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        try check(result, handle)
        return PostgresRows(result!)
    }

    /// Runs a script of several statements without parameters (migrations).
    func executeScript(_ sql: String) throws(Failure) {
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            throw Failure(sqlState: nil, message: "not connected to PostgreSQL", connectionLost: true)
        }
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, handle)
    }

    private func check(_ result: OpaquePointer?, _ handle: OpaquePointer) throws(Failure) {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK else { return }
        let sqlState = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
        let message = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { String(cString: $0) }
            ?? Self.trimmed(PQerrorMessage(handle))
        let lost = PQstatus(handle) != CONNECTION_OK || Self.connectionStates.contains(where: { sqlState?.hasPrefix($0) == true })
        throw Failure(sqlState: sqlState, message: message, connectionLost: lost)
    }

    /// SQLSTATEs that mean the server or the link went away: connection exceptions (08), the
    /// server shutting down or restarting (57P01-57P03), too many connections (53300).
    private static let connectionStates = ["08", "57P01", "57P02", "57P03", "53300"]

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown error" }
        return String(cString: message).trimmingTrailingNewlines
    }
}

/// The rows of one result, copied out of libpq: text values, nil for NULL.
struct PostgresRows {
    let columns: [String: Int]
    let rows: [[String?]]

    init(_ result: OpaquePointer) {
        var columns: [String: Int] = [:]
        for column in 0..<PQnfields(result) {
            columns[String(cString: PQfname(result, column))] = Int(column)
        }
        var rows: [[String?]] = []
        for row in 0..<PQntuples(result) {
            var values: [String?] = []
            for column in 0..<PQnfields(result) {
                values.append(PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column)))
            }
            rows.append(values)
        }
        self.columns = columns
        self.rows = rows
    }

    /// Row `index` as a strict reader naming `record`.
    func row(_ index: Int, record: String) -> PostgresRow {
        PostgresRow(columns: columns, values: rows[index], record: record)
    }

    /// Every row as a strict reader, each named by `record`.
    func all(record: (PostgresRow) -> String) -> [PostgresRow] {
        rows.map { values in
            let unnamed = PostgresRow(columns: columns, values: values, record: "")
            return PostgresRow(columns: columns, values: values, record: record(unnamed))
        }
    }
}

/// One row of a PostgreSQL result, read strictly (`StoredRow`).
struct PostgresRow: StoredRow {
    let columns: [String: Int]
    let values: [String?]
    let record: String

    /// The raw text of `column`, or nil when it is NULL or missing; for naming rows only.
    func peek(_ column: String) -> String? { columns[column].flatMap { values[$0] } }

    func optionalText(_ column: String) throws(StoreError) -> String? {
        guard let index = columns[column] else { throw corrupt(column, "no such column in the result") }
        return values[index]
    }

    func text(_ column: String) throws(StoreError) -> String {
        guard let value = try optionalText(column) else { throw corrupt(column, "is null") }
        return value
    }

    func int(_ column: String) throws(StoreError) -> Int {
        let value = try text(column)
        guard let number = Int(value) else { throw corrupt(column, "not an integer: \(value.prefix(40))") }
        return number
    }

    func bool(_ column: String) throws(StoreError) -> Bool {
        switch try text(column) {
        case "t": return true
        case "f": return false
        case let other: throw corrupt(column, "not a boolean: \(other.prefix(40))")
        }
    }
}

private extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}

/// Calls `body` with a C array of C strings for `strings`, valid for the call only.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    withOptionalCStrings(strings.map { Optional($0) }) { pointers in body(pointers!) }
}

/// Calls `body` with a C array of C strings (NULL for nil), terminated by NULL.
private func withOptionalCStrings<T>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { buffer in body(buffer.baseAddress) }
}
