import MaitreJSON
import Seating
import SeatingStore

extension SeatingService {
    /// `availability`: the bookable times nearest the asked one. Never fails for a closed or
    /// full time: `requested.reason` says why.
    func availability(_ fields: Fields) throws -> JSONValue {
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        var request = AvailabilityRequest(
            query: try QueryDecoding.query(fields),
            before: try fields.int("before", in: 0...1_440) ?? AvailabilityRequest.defaultWindow,
            after: try fields.int("after", in: 0...1_440) ?? AvailabilityRequest.defaultWindow,
            limit: try fields.int("limit", in: 1...100) ?? AvailabilityRequest.defaultLimit)
        let reshuffles = try fields.bool("reshuffle") ?? true
        let (floor, layoutVersion) = try floor(restaurant)
        request.query.now = localNow(floor)
        let key = DayKey(restaurant: restaurant, date: request.query.date)
        let (day, version) = try dayState(key, floor: floor, layoutVersion: layoutVersion)
        let ask = AskAhead(queries: AvailabilitySearch.askOrder(floor: floor, request: request).map { request.query.at($0) })
        defer { ask.stop() }
        let answer = AvailabilitySearch.search(
            floor: floor, day: day, request: request,
            reshuffle: reshuffles ? planner(key, day: day, version: version, floor: floor, ask: ask) : nil)
        return .object([
            JSONMember("duration", .int(answer.duration)),
            JSONMember("slots", .array(answer.slots.map(Encode.slot))),
            JSONMember("requested", .object([
                JSONMember("time", Encode.time(answer.requested.time)),
                JSONMember("available", .bool(answer.requested.available)),
                JSONMember("reason", .string(answer.requested.reason.rawValue)),
            ])),
        ])
    }
}
