import MaitreJSON
import Seating
import SeatingStore

extension SeatingService {
    /// `day`: every booking of the date (any status), each table's busy intervals (buffer
    /// included), and the covers of bookings that are booked, seated or finished.
    func day(_ fields: Fields) throws -> JSONValue {
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        let date = try fields.date("date", required: true)!
        let (floor, layoutVersion) = try floor(restaurant)
        let (day, _) = try dayState(DayKey(restaurant: restaurant, date: date), floor: floor, layoutVersion: layoutVersion)
        let bookings = day.bookings.values.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let tables: [JSONValue] = floor.tables.enumerated().map { index, table in
            .object([
                JSONMember("id", .string(table.id)),
                JSONMember("busy", .array(day.occupancy[index].map { span in
                    .object([
                        JSONMember("from", Encode.time(span.start)), JSONMember("to", Encode.time(span.end)),
                        JSONMember("booking", Encode.optional(span.booking)),
                    ])
                })),
            ])
        }
        let covers = bookings.filter { $0.status.occupiesTables }.reduce(0) { $0 + $1.party }
        return .object([
            JSONMember("restaurant", .string(restaurant)), JSONMember("date", .string(date.description)),
            JSONMember("bookings", .array(bookings.map(Encode.booking))), JSONMember("tables", .array(tables)),
            JSONMember("covers", .int(covers)),
        ])
    }
}
