import MaitreJSON
import Seating
import SeatingStore

extension SeatingService {
    /// `optimize`: repack the day's unlocked bookings (from `from`, default the whole day) to waste
    /// fewer seats and combinations; moves are applied atomically and reported.
    func optimize(_ fields: Fields) throws -> JSONValue {
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        let date = try fields.date("date", required: true)!
        let from = try fields.time("from")
        let timeLimit = try fields.int("timeLimitMs", in: 1...60_000) ?? 1_000
        let (floor, layoutVersion) = try floor(restaurant)
        return try retryingConflicts { () throws -> JSONValue in
            let key = DayKey(restaurant: restaurant, date: date)
            var (day, version) = try dayState(key, floor: floor, layoutVersion: layoutVersion)
            let result = Repack.optimize(floor: floor, day: day, from: from, timeLimitMilliseconds: timeLimit)
            let moved = apply(result.moves, to: &day, at: timestamp)
            if !moved.bookings.isEmpty {
                try commit(WriteBatch(expectedVersions: [key: version], bookings: moved.bookings), states: [key: day],
                           layoutVersion: layoutVersion)
            }
            func figures(_ value: Repack.Figures) -> JSONValue {
                .object([JSONMember("wastedSeats", .int(value.wastedSeats)), JSONMember("combinations", .int(value.combinations))])
            }
            return .object([
                JSONMember("moved", moved.json), JSONMember("before", figures(result.before)),
                JSONMember("after", figures(result.after)), JSONMember("optimal", .bool(result.optimal)),
                JSONMember("considered", .int(result.considered)),
            ])
        }
    }
}
