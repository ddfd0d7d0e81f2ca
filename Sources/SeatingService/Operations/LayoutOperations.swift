import Foundation
import MaitreJSON
import Seating
import SeatingStore

extension SeatingService {
    /// `layout.put`: validate, refuse changes that strand future bookings, store a new version.
    func putLayout(_ fields: Fields) throws -> JSONValue {
        let layoutFields = try fields.object("layout", required: true)!
        let layout = try LayoutDecoding.decode(layoutFields)
        let floor: Floor
        do {
            floor = try Floor(layout)
        } catch {
            let problems: [JSONValue] = error.problems.map { problem in
                .object([JSONMember("field", .string("layout.\(problem.path)")), JSONMember("message", .string(problem.message))])
            }
            throw ProtocolError(.invalidLayout, error.first.message,
                                field: "layout.\(error.first.path)", details: [JSONMember("problems", .array(problems))])
        }
        var warnings = LayoutValidator.validate(layout).warnings
        if TimeZone(identifier: layout.timezone) == nil {
            warnings.append(LayoutProblem("timezone", "unknown time zone \"\(layout.timezone)\"; UTC is used for \"today\""))
        }
        let version = try retryingConflicts { () throws -> Int in
            let current = try store.layout(restaurant: layout.restaurant)
            // The days the check reads must not change before the save (another process booking).
            let today = Self.today(clock: clock, timezone: layout.timezone)
            let days = try store.dayVersions(restaurant: layout.restaurant, from: today)
            let stranded = try strandedBookings(floor: floor, restaurant: layout.restaurant)
            if !stranded.isEmpty {
                throw ProtocolError(.layoutConflict,
                                    "the new layout would strand \(stranded.count) existing booking(s); move or cancel them first",
                                    field: "layout", details: [JSONMember("bookings", .array(stranded))])
            }
            return try store.saveLayout(layout, expectedVersion: current?.version ?? 0,
                                        unchangedDays: (today, days))
        }
        floors[layout.restaurant] = (version, floor)
        days.removeAll(restaurant: layout.restaurant)
        return .object([
            JSONMember("restaurant", .string(layout.restaurant)),
            JSONMember("version", .int(version)),
            JSONMember("tables", .int(layout.tables.count)),
            JSONMember("combinations", .int(layout.combinations.count)),
            JSONMember("seats", .int(layout.seats)),
            JSONMember("warnings", .array(warnings.map { warning in
                .object([JSONMember("field", .string("layout.\(warning.path)")), JSONMember("message", .string(warning.message))])
            })),
        ])
    }

    /// Active bookings from today on that the new floor could not hold: unknown tables, tables
    /// that are no longer a table or combination, a party outside its min/max, a new block, or
    /// a larger buffer that makes two bookings overlap.
    static func today(clock: ServiceClock, timezone: String) -> ServiceDate {
        let local = Timestamps.localDate(clock.now(), timezone: timezone)
        return ServiceDate(year: local.year, month: local.month, day: local.day) ?? ServiceDate("1970-01-01")!
    }

    func strandedBookings(floor: Floor, restaurant: String) throws -> [JSONValue] {
        let today = Self.today(clock: clock, timezone: floor.layout.timezone)
        let bookings = try store.activeBookings(restaurant: restaurant, from: today)
        var stranded: [JSONValue] = []
        func report(_ booking: Booking, _ reason: String) {
            stranded.append(.object([
                JSONMember("id", .string(booking.id)), JSONMember("date", .string(booking.date.description)),
                JSONMember("time", Encode.time(booking.start)), JSONMember("party", .int(booking.party)),
                JSONMember("tables", .array(booking.tables.map { .string($0) })), JSONMember("reason", .string(reason)),
            ]))
        }
        var placed: [ServiceDate: DayState] = [:]
        for booking in bookings {
            guard let unit = floor.unit(forTables: booking.tables) else {
                report(booking, "its tables \(booking.tables.joined(separator: "+")) are not a table or combination of the new layout")
                continue
            }
            var day = placed[booking.date] ?? DayState(floor: floor, date: booking.date, bookings: [])
            // A booking already taken keeps its tables whatever holds and channels now say.
            switch UnitRules.verdict(floor: floor, day: day, unit: unit, party: booking.party, from: booking.start,
                                     to: booking.end + day.buffer, channel: .walkIn, named: true) {
            case .doesNotFit: report(booking, "\(floor.units[unit].id) no longer seats a party of \(booking.party)")
            case .blocked: report(booking, "a block of the new layout covers its tables")
            case .occupied: report(booking, "with the new buffer it overlaps another booking on its tables")
            case .allowed, .notForChannel, .held: day.upsert(booking)
            }
            placed[booking.date] = day
        }
        return stranded
    }

    /// `layout.get`: the current layout with every default made explicit.
    func getLayout(_ fields: Fields) throws -> JSONValue {
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        let (floor, version) = try floor(restaurant)
        return .object([JSONMember("layout", Encode.layout(floor.layout)), JSONMember("version", .int(version))])
    }
}
