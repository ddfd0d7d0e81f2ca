import GRDB
import MaitreJSON
import Seating

/// A row of the `booking` table, read strictly.
///
/// Invariant: a row becomes a `Booking` only when every column reads as what it must be (a
/// date, a status and channel this build knows, a non-empty JSON array of table ids, minutes in
/// range, guest JSON that parses); otherwise decoding throws `StoreError.corrupt` naming the
/// booking and the column. Nothing is defaulted: a booking on no tables, or with a status read
/// as `booked`, would let the next party be seated on top of a real one.
///
/// Columns are decoded one by one (GRDB's throwing `decode(_:forColumn:)`) rather than through
/// `Decodable`, because a Codable row's JSON errors do not say which column failed.
struct BookingRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "booking"

    let booking: Booking

    init(_ booking: Booking) { self.booking = booking }

    init(row: Row) throws {
        let id = (try? row.decode(String.self, forColumn: "id")) ?? "with unreadable id"
        let reader = ColumnReader(row: row, record: "booking \(id)")
        let dateText: String = try reader.value("date")
        guard let date = ServiceDate(dateText) else { throw reader.corrupt("date", "not a date YYYY-MM-DD: \(dateText)") }
        let statusText: String = try reader.value("status")
        guard let status = Booking.Status(rawValue: statusText) else { throw reader.corrupt("status", "unknown status \"\(statusText)\"") }
        let channelText: String = try reader.value("channel")
        guard let channel = Booking.Channel(rawValue: channelText) else {
            throw reader.corrupt("channel", "unknown channel \"\(channelText)\"")
        }
        let start: Int = try reader.value("start")
        guard (0..<ClockTime.limit).contains(start) else { throw reader.corrupt("start", "\(start) minutes is outside the service day") }
        let duration: Int = try reader.value("duration")
        guard (1...ClockTime.limit).contains(duration) else { throw reader.corrupt("duration", "\(duration) minutes is not a turn") }
        let party: Int = try reader.value("party")
        guard party >= 1 else { throw reader.corrupt("party", "\(party) is not a party size") }
        let tables = try reader.strings("tables")
        guard !tables.isEmpty else { throw reader.corrupt("tables", "a booking must occupy at least one table") }
        let guestText: String? = try reader.optional("guest")
        let guest = try guestText.map { text in
            do { return JSONWriter.string(try JSONParser.parse(Array(text.utf8))) } catch {
                throw reader.corrupt("guest", "not JSON: \(error)")
            }
        }
        booking = Booking(
            id: try reader.value("id"), restaurant: try reader.value("restaurant"), date: date, start: start, duration: duration,
            party: party, tables: tables, status: status, channel: channel, locked: try reader.value("locked"),
            area: try reader.optional("area"), tags: try reader.strings("tags"), notes: try reader.optional("notes"), guest: guest,
            idempotencyKey: try reader.optional("idempotency_key"), durationGiven: try reader.value("duration_given"),
            createdAt: try reader.value("created_at"), updatedAt: try reader.value("updated_at"))
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = booking.id
        container["restaurant"] = booking.restaurant
        container["date"] = booking.date.description
        container["start"] = booking.start
        container["duration"] = booking.duration
        container["party"] = booking.party
        container["tables"] = Self.json(booking.tables)
        container["status"] = booking.status.rawValue
        container["channel"] = booking.channel.rawValue
        container["locked"] = booking.locked
        container["area"] = booking.area
        container["tags"] = Self.json(booking.tags)
        container["notes"] = booking.notes
        container["guest"] = booking.guest
        container["idempotency_key"] = booking.idempotencyKey
        container["duration_given"] = booking.durationGiven
        container["created_at"] = booking.createdAt
        container["updated_at"] = booking.updatedAt
    }

    private static func json(_ items: [String]) -> String {
        JSONWriter.string(.array(items.map { .string($0) }))
    }
}

/// Reads the columns of one stored row, turning every failure into `StoreError.corrupt` that
/// names the row and the column.
struct ColumnReader {
    let row: Row
    let record: String

    func corrupt(_ column: String, _ problem: String) -> StoreError {
        .corrupt(record: record, field: column, problem: problem)
    }

    func value<Value: DatabaseValueConvertible>(_ column: String) throws(StoreError) -> Value {
        do {
            return try row.decode(Value.self, forColumn: column)
        } catch {
            throw corrupt(column, "cannot be read as \(Value.self): \(row[column] as DatabaseValue)")
        }
    }

    func optional<Value: DatabaseValueConvertible>(_ column: String) throws(StoreError) -> Value? {
        do {
            return try row.decode(Value?.self, forColumn: column)
        } catch {
            throw corrupt(column, "cannot be read as \(Value.self) or null: \(row[column] as DatabaseValue)")
        }
    }

    /// A JSON array of strings.
    func strings(_ column: String) throws(StoreError) -> [String] {
        let text: String = try value(column)
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
}
