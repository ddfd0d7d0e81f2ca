import MaitreJSON
import Seating

/// The columns of one stored row, as a store's driver reads them (GRDB for SQLite, libpq for
/// PostgreSQL), each failure becoming `StoreError.corrupt` that names the row and the column.
///
/// Invariant: a reader never defaults a value; a column that is missing, null where it must not
/// be, or of another type throws. The rules for what a stored booking must be live once, in
/// `Booking.init(stored:)`, above every driver.
protocol StoredRow {
    /// How errors name the row: `booking B000042`, `layout of bistro`.
    var record: String { get }
    func text(_ column: String) throws(StoreError) -> String
    func optionalText(_ column: String) throws(StoreError) -> String?
    func int(_ column: String) throws(StoreError) -> Int
    func bool(_ column: String) throws(StoreError) -> Bool
}

extension StoredRow {
    func corrupt(_ column: String, _ problem: String) -> StoreError {
        .corrupt(record: record, field: column, problem: problem)
    }

    /// A JSON array of strings.
    func strings(_ column: String) throws(StoreError) -> [String] {
        let text = try text(column)
        guard let parsed = try? JSONParser.parse(Array(text.utf8)), let items = parsed.arrayValue else {
            throw corrupt(column, "not a JSON array: \(text.prefix(80))")
        }
        var strings: [String] = []
        for item in items {
            guard let string = item.stringValue else { throw corrupt(column, "holds a non-string \(item.typeDescription)") }
            strings.append(string)
        }
        return strings
    }

    /// A date `YYYY-MM-DD`.
    func date(_ column: String) throws(StoreError) -> ServiceDate {
        let text = try text(column)
        guard let date = ServiceDate(text) else { throw corrupt(column, "not a date YYYY-MM-DD: \(text)") }
        return date
    }
}

/// How stores write the JSON columns `StoredRow.strings` reads back.
enum StoredJSON {
    static func strings(_ items: [String]) -> String {
        JSONWriter.string(.array(items.map { .string($0) }))
    }
}

extension Booking {
    /// The stored booking `row`, read strictly: every column must read as what it must be (a
    /// date, a status and channel this build knows, a non-empty JSON array of table ids, minutes
    /// in range, guest JSON that parses). Nothing is defaulted: a booking on no tables, or with a
    /// status read as `booked`, would let the next party be seated on top of a real one.
    init(stored row: some StoredRow) throws(StoreError) {
        let date = try row.date("date")
        let statusText = try row.text("status")
        guard let status = Booking.Status(rawValue: statusText) else { throw row.corrupt("status", "unknown status \"\(statusText)\"") }
        let channelText = try row.text("channel")
        guard let channel = Booking.Channel(rawValue: channelText) else {
            throw row.corrupt("channel", "unknown channel \"\(channelText)\"")
        }
        let start = try row.int("start")
        guard (0..<ClockTime.limit).contains(start) else { throw row.corrupt("start", "\(start) minutes is outside the service day") }
        let duration = try row.int("duration")
        guard (1...ClockTime.limit).contains(duration) else { throw row.corrupt("duration", "\(duration) minutes is not a turn") }
        let party = try row.int("party")
        guard party >= 1 else { throw row.corrupt("party", "\(party) is not a party size") }
        let tables = try row.strings("tables")
        guard !tables.isEmpty else { throw row.corrupt("tables", "a booking must occupy at least one table") }
        var guest: String?
        if let text = try row.optionalText("guest") {
            do { guest = JSONWriter.string(try JSONParser.parse(Array(text.utf8))) } catch {
                throw row.corrupt("guest", "not JSON: \(error)")
            }
        }
        self.init(
            id: try row.text("id"), restaurant: try row.text("restaurant"), date: date, start: start, duration: duration,
            party: party, tables: tables, status: status, channel: channel, locked: try row.bool("locked"),
            area: try row.optionalText("area"), tags: try row.strings("tags"), notes: try row.optionalText("notes"), guest: guest,
            idempotencyKey: try row.optionalText("idempotency_key"), durationGiven: try row.bool("duration_given"),
            createdAt: try row.text("created_at"), updatedAt: try row.text("updated_at"))
    }
}
