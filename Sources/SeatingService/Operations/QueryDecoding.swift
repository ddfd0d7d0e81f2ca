import Seating

/// Reads the party question shared by `availability`, `book` and `modify` requests.
enum QueryDecoding {
    static let party = 1...LayoutValidator.maxCovers
    static let minutes = 1...LayoutValidator.maxMinutes

    static func channel(_ fields: Fields) throws(ProtocolError) -> Booking.Channel {
        guard let name = try fields.string("channel", maxLength: 16) else { return .online }
        guard let channel = Booking.Channel(rawValue: name) else {
            throw .invalid("channel", "must be one of online, host, walk_in")
        }
        return channel
    }

    static func query(_ fields: Fields) throws(ProtocolError) -> SeatingQuery {
        SeatingQuery(
            date: try fields.date("date", required: true)!,
            time: try fields.time("time", required: true)!,
            party: try fields.requiredInt("party", in: party),
            duration: try fields.int("duration", in: minutes),
            area: try fields.string("area", maxLength: 64),
            tags: try fields.strings("tags", maxCount: 32) ?? [],
            channel: try channel(fields))
    }
}
