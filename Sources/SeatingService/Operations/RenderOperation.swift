import MaitreJSON
import Seating
import SeatingRender
import SeatingStore

/// What the pictures need from stored bookings that the core does not read: guests' names.
public enum GuestNames {
    /// Booking id to the guest's name: the guest JSON's `name` string, else `firstName` and
    /// `lastName` joined; bookings without either have no entry.
    public static func of(_ bookings: some Sequence<Booking>) -> [String: String] {
        var names: [String: String] = [:]
        for booking in bookings {
            guard let text = booking.guest, let guest = try? JSONParser.parse(Array(text.utf8)) else { continue }
            if let name = guest["name"]?.stringValue, !name.isEmpty {
                names[booking.id] = name
            } else {
                let parts = [guest["firstName"]?.stringValue, guest["lastName"]?.stringValue].compactMap { $0 }.filter { !$0.isEmpty }
                if !parts.isEmpty { names[booking.id] = parts.joined(separator: " ") }
            }
        }
        return names
    }
}

extension SeatingService {
    /// `render`: the floor plan (`what: "floor"`, at `time` when given, which needs `date`), the
    /// day timeline (`"timeline"`, with a now line and late and overdue parties at `time` when
    /// given) or the day report (`"report"`, the floor at `time` or at the
    /// peak) of a restaurant, as SVG or HTML text.
    func render(_ fields: Fields) throws -> JSONValue {
        let what = try fields.requiredString("what", maxLength: 16)
        guard ["floor", "timeline", "report"].contains(what) else {
            throw ProtocolError.invalid("what", "must be floor, timeline or report, not \"\(what)\"")
        }
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        let date = try fields.date("date", required: what != "floor")
        let time = try fields.time("time")
        if what == "floor", time != nil, date == nil { throw ProtocolError.invalid("date", "is required with time") }
        let (floor, layoutVersion) = try floor(restaurant)
        var view = DayView(floor: floor)
        if let date {
            let (day, _) = try dayState(DayKey(restaurant: restaurant, date: date), floor: floor, layoutVersion: layoutVersion)
            view = DayView(floor: floor, day: day, names: GuestNames.of(day.bookings.values))
        }
        let text: String, type: String
        switch what {
        case "floor": (text, type) = (FloorPlan.svg(view, at: time), "image/svg+xml")
        case "timeline": (text, type) = (Timeline.svg(view, at: time), "image/svg+xml")
        default: (text, type) = (DayReport.html(view, at: time), "text/html")
        }
        return .object([JSONMember("what", .string(what)), JSONMember("contentType", .string(type)), JSONMember("text", .string(text))])
    }
}
