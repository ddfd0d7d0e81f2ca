import GRDB
import MaitreJSON
import Seating

/// One problem `StoreAudit` found, naming the stored record (`booking B000042`, `layout of
/// bistro`, `idempotency key k1`, `day bistro/2026-11-21`) and, when one column is at fault, it.
public struct StoreProblem: Sendable, Equatable, CustomStringConvertible {
    public var record: String
    public var field: String?
    public var message: String

    public init(record: String, field: String? = nil, message: String) {
        self.record = record
        self.field = field
        self.message = message
    }

    public var description: String { "\(record)\(field.map { ", field \($0)" } ?? ""): \(message)" }
}

/// Verifies a whole SQLite database, read-only, and lists every problem instead of stopping at
/// the first: each layout readable and valid; each booking readable (`BookingRecord`), of a
/// restaurant with a layout, and, when active, on a table or combination that seats its party
/// with no other active booking on the same table-minute (`DayAudit`); each restaurant-day with
/// bookings at version 1 or more; each idempotency key pointing at an existing booking of its
/// restaurant that carries that key; the booking id sequence past every id handed out.
///
/// Invariant: opens the file read-only and never migrates, repairs or writes.
public enum StoreAudit {
    public static func problems(path: String, legacyLayouts: LegacyLayoutReader? = nil) throws -> [StoreProblem] {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: path, configuration: configuration)
        return try database.read { db in try problems(db, legacyLayouts: legacyLayouts) }
    }

    static func problems(_ db: Database, legacyLayouts: LegacyLayoutReader?) throws -> [StoreProblem] {
        for table in ["restaurant", "day", "booking", "idempotency", "sequence"] where try !db.tableExists(table) {
            return [StoreProblem(record: "schema", message: "no \(table) table: not a Maître database")]
        }
        var problems: [StoreProblem] = []
        func note(_ error: any Error, record: String) {
            if case .corrupt(let record, let field, let problem) = error as? StoreError {
                problems.append(StoreProblem(record: record, field: field, message: problem))
            } else {
                problems.append(StoreProblem(record: record, message: "\(error)"))
            }
        }

        var floors: [String: Floor] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM restaurant ORDER BY id") {
            let id = (try? row.decode(String.self, forColumn: "id")) ?? "?"
            let reader = ColumnReader(row: row, record: "layout of \(id)")
            do {
                let text: String = try reader.value("layout")
                do { _ = try SQLiteStore.positiveVersion(row["version"], record: reader.record) } catch { note(error, record: reader.record) }
                let layout: Layout
                if StoredLayoutFormat.formatVersion(of: text) == nil, let legacyLayouts {
                    layout = try legacyLayouts.read(text)
                } else {
                    layout = try StoredLayoutFormat.decode(text, restaurant: id)
                }
                if layout.restaurant != id {
                    problems.append(StoreProblem(record: reader.record, field: "layout", message: "describes restaurant \(layout.restaurant)"))
                }
                floors[id] = try Floor(layout, rules: .invariants)
            } catch let error as LayoutRejection {
                problems.append(StoreProblem(record: reader.record, field: "layout", message: "invalid: \(error.first.path): \(error.first.message)"))
            } catch {
                note(error, record: reader.record)
            }
        }

        var bookings: [String: Booking] = [:]
        var days: [DayKey: [Booking]] = [:]
        var highestNumber = 0
        for row in try Row.fetchAll(db, sql: "SELECT * FROM booking ORDER BY restaurant, date, id") {
            let id = (try? row.decode(String.self, forColumn: "id")) ?? "?"
            let booking: Booking
            do { booking = try BookingRecord(row: row).booking } catch {
                note(error, record: "booking \(id)")
                continue
            }
            bookings[booking.id] = booking
            days[DayKey(restaurant: booking.restaurant, date: booking.date), default: []].append(booking)
            if booking.id.hasPrefix("B"), let number = Int(booking.id.dropFirst()) { highestNumber = max(highestNumber, number) }
        }

        for (key, dayBookings) in days.sorted(by: { $0.key.description < $1.key.description }) {
            let stored = try DatabaseValue.fetchOne(db, sql: "SELECT version FROM day WHERE restaurant = ? AND date = ?",
                                                    arguments: [key.restaurant, key.date.description])
            do {
                if try SQLiteStore.positiveVersion(stored, record: "day \(key)") == 0 {
                    problems.append(StoreProblem(record: "day \(key)", field: "version",
                                                 message: "holds \(dayBookings.count) booking(s) but has no version"))
                }
            } catch {
                note(error, record: "day \(key)")
            }
            guard let floor = floors[key.restaurant] else {
                if (try Bool.fetchOne(db, sql: "SELECT 1 FROM restaurant WHERE id = ?", arguments: [key.restaurant])) != true {
                    problems.append(StoreProblem(record: "day \(key)", message: "restaurant \(key.restaurant) has no layout"))
                }
                continue
            }
            for problem in DayAudit.problems(floor: floor, date: key.date, bookings: dayBookings) {
                problems.append(StoreProblem(record: "booking \(problem.booking)", field: "tables", message: problem.message))
            }
        }

        for row in try Row.fetchAll(db, sql: "SELECT * FROM idempotency ORDER BY restaurant, key") {
            do {
                let record = try SQLiteStore.idempotency(row)
                let name = record.recordName
                guard let booking = bookings[record.bookingID] else {
                    problems.append(StoreProblem(record: name, field: "booking", message: "points at booking \(record.bookingID), which is not stored (or unreadable)"))
                    continue
                }
                if booking.restaurant != record.restaurant || booking.idempotencyKey != record.key {
                    problems.append(StoreProblem(record: name, field: "booking",
                                                 message: "points at booking \(booking.id) of \(booking.restaurant) with key \(booking.idempotencyKey ?? "none")"))
                }
                if (try? JSONParser.parse(Array(record.moved.utf8)))?.arrayValue == nil {
                    problems.append(StoreProblem(record: name, field: "moved", message: "not a JSON array"))
                }
            } catch {
                note(error, record: "idempotency key")
            }
        }

        let sequence = try Row.fetchOne(db, sql: "SELECT value FROM sequence WHERE name = 'booking'")
            .flatMap { try? $0.decode(Int.self, forColumn: "value") }
        if let sequence {
            if sequence < highestNumber {
                problems.append(StoreProblem(record: "sequence booking", field: "value",
                                             message: "at \(sequence), below booking number \(highestNumber) already handed out"))
            }
        } else {
            problems.append(StoreProblem(record: "sequence booking", field: "value", message: "missing or not an integer"))
        }
        return problems
    }
}
