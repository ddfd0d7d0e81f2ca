import GRDB
import MaitreJSON
import Seating

/// A row of the SQLite `booking` table, read strictly through `Booking.init(stored:)`.
///
/// Invariant: a row becomes a `Booking` only when every column reads as what it must be;
/// otherwise decoding throws `StoreError.corrupt` naming the booking and the column.
///
/// Columns are decoded one by one (GRDB's throwing `decode(_:forColumn:)`) rather than through
/// `Decodable`, because a Codable row's JSON errors do not say which column failed.
struct BookingRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "booking"

    let booking: Booking

    init(_ booking: Booking) { self.booking = booking }

    init(row: Row) throws {
        let id = (try? row.decode(String.self, forColumn: "id")) ?? "with unreadable id"
        booking = try Booking(stored: ColumnReader(row: row, record: "booking \(id)"))
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = booking.id
        container["restaurant"] = booking.restaurant
        container["date"] = booking.date.description
        container["start"] = booking.start
        container["duration"] = booking.duration
        container["party"] = booking.party
        container["tables"] = StoredJSON.strings(booking.tables)
        container["status"] = booking.status.rawValue
        container["channel"] = booking.channel.rawValue
        container["locked"] = booking.locked
        container["area"] = booking.area
        container["tags"] = StoredJSON.strings(booking.tags)
        container["notes"] = booking.notes
        container["guest"] = booking.guest
        container["idempotency_key"] = booking.idempotencyKey
        container["duration_given"] = booking.durationGiven
        container["created_at"] = booking.createdAt
        container["updated_at"] = booking.updatedAt
    }
}

/// Reads the columns of one SQLite row (GRDB), turning every failure into
/// `StoreError.corrupt` that names the row and the column.
struct ColumnReader: StoredRow {
    let row: Row
    let record: String

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

    func text(_ column: String) throws(StoreError) -> String { try value(column) }
    func optionalText(_ column: String) throws(StoreError) -> String? { try optional(column) }
    func int(_ column: String) throws(StoreError) -> Int { try value(column) }
    func bool(_ column: String) throws(StoreError) -> Bool { try value(column) }
}
