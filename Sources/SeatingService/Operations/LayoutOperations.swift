import Foundation
import MaitreJSON
import Seating
import SeatingStore

extension SeatingService {
    /// `layout.put`: validate, refuse changes that strand future bookings, store a new version.
    /// With `dryRun`, answer what the layout would do to the active bookings from today on
    /// (`LayoutChange`: kept, moved, unseatable; capacity before and after) and change nothing;
    /// with `reassign`, re-seat them the same way and save the layout and the moves atomically,
    /// or refuse with `layout_conflict` listing the ones that cannot be seated.
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
            if layout.bookingWindow != nil {
                throw ProtocolError(.invalidLayout, "unknown time zone \"\(layout.timezone)\": a booking window needs the restaurant's own clock",
                                    field: "layout.timezone")
            }
            warnings.append(LayoutProblem("timezone", "unknown time zone \"\(layout.timezone)\"; UTC is used for \"today\""))
        }
        let dryRun = try fields.bool("dryRun") ?? false
        let reassign = try fields.bool("reassign") ?? false
        var moved: [LayoutChange.Move] = []
        let saved = try retryingConflicts { () throws -> JSONValue? in
            let current = try store.layout(restaurant: layout.restaurant)
            // The days the check reads must not change before the save (another process booking).
            let today = Self.today(clock: clock, timezone: layout.timezone)
            let days = try store.dayVersions(restaurant: layout.restaurant, from: today)
            if dryRun || reassign {
                let bookings = try store.activeBookings(restaurant: layout.restaurant, from: today)
                let outcome = LayoutChange.reseat(floor: floor, bookings: bookings, limits: reshuffle ?? Reshuffle.Limits())
                if dryRun {
                    let before = try current.map { try Floor($0.layout, rules: .invariants) }
                    return Self.whatIf(outcome, before: before, after: floor)
                }
                guard outcome.unseatable.isEmpty else {
                    throw ProtocolError(.layoutConflict,
                                        "\(outcome.unseatable.count) existing booking(s) cannot be seated on the new layout, even moving others; nothing changed",
                                        field: "layout", details: [JSONMember("bookings", .array(outcome.unseatable.map { Self.stranded($0.booking, $0.reason) }))])
                }
                let now = timestamp
                let byID = Dictionary(uniqueKeysWithValues: outcome.bookings.map { ($0.id, $0) })
                let changed = outcome.moved.compactMap { move -> Booking? in
                    guard var booking = byID[move.booking] else { return nil }
                    booking.updatedAt = now
                    return booking
                }
                _ = try store.saveLayout(layout, expectedVersion: current?.version ?? 0, unchangedDays: (today, days), bookings: changed)
                moved = outcome.moved
                return nil
            }
            let stranded = try strandedBookings(floor: floor, restaurant: layout.restaurant)
            if !stranded.isEmpty {
                throw ProtocolError(.layoutConflict,
                                    "the new layout would strand \(stranded.count) existing booking(s); move or cancel them first, or put it with \"reassign\": true to re-seat them",
                                    field: "layout", details: [JSONMember("bookings", .array(stranded))])
            }
            _ = try store.saveLayout(layout, expectedVersion: current?.version ?? 0, unchangedDays: (today, days))
            return nil
        }
        if let saved { return saved }
        let version = try store.layoutVersion(restaurant: layout.restaurant)
        floors[layout.restaurant] = (version, floor)
        days.removeAll(restaurant: layout.restaurant)
        var members = [
            JSONMember("restaurant", .string(layout.restaurant)),
            JSONMember("version", .int(version)),
            JSONMember("tables", .int(layout.tables.count)),
            JSONMember("combinations", .int(layout.combinations.count)),
            JSONMember("seats", .int(layout.seats)),
            JSONMember("warnings", .array(warnings.map { warning in
                .object([JSONMember("field", .string("layout.\(warning.path)")), JSONMember("message", .string(warning.message))])
            })),
        ]
        if reassign { members.append(JSONMember("moved", .array(moved.map(Self.moveJSON)))) }
        return .object(members)
    }

    /// The answer of a dry run: what the layout would do to the bookings, and the capacity
    /// figures before (the stored layout, when there is one) and after.
    static func whatIf(_ outcome: LayoutChange.Outcome, before: Floor?, after: Floor) -> JSONValue {
        .object([
            JSONMember("dryRun", true),
            JSONMember("restaurant", .string(after.layout.restaurant)),
            JSONMember("kept", .int(outcome.kept.count)),
            JSONMember("moved", .array(outcome.moved.map(moveJSON))),
            JSONMember("unseatable", .array(outcome.unseatable.map { stranded($0.booking, $0.reason) })),
            JSONMember("before", before.map(figuresJSON) ?? .null),
            JSONMember("after", figuresJSON(after)),
        ])
    }

    static func moveJSON(_ move: LayoutChange.Move) -> JSONValue {
        .object([JSONMember("booking", .string(move.booking)), JSONMember("from", Encode.strings(move.from)), JSONMember("to", Encode.strings(move.to))])
    }

    static func figuresJSON(_ floor: Floor) -> JSONValue {
        let figures = CapacityFigures(floor: floor)
        return .object([
            JSONMember("tables", .int(floor.tables.count)), JSONMember("combinations", .int(floor.layout.combinations.count)),
            JSONMember("seats", .int(figures.seats)), JSONMember("largestParty", .int(figures.largestHostParty)),
            JSONMember("largestWalkInParty", .int(figures.largestWalkInParty)),
            JSONMember("unseatablePartySizes", .array(figures.unseatable.map { .int($0) })),
        ])
    }

    static func stranded(_ booking: Booking, _ reason: String) -> JSONValue {
        .object([
            JSONMember("id", .string(booking.id)), JSONMember("date", .string(booking.date.description)),
            JSONMember("time", Encode.time(booking.start)), JSONMember("party", .int(booking.party)),
            JSONMember("tables", .array(booking.tables.map { .string($0) })), JSONMember("reason", .string(reason)),
        ])
    }

    /// Today in the restaurant's time zone (UTC when unknown): from when a layout change must respect bookings.
    public static func today(clock: ServiceClock, timezone: String) -> ServiceDate {
        let local = Timestamps.localDate(clock.now(), timezone: timezone)
        return ServiceDate(year: local.year, month: local.month, day: local.day) ?? ServiceDate("1970-01-01")!
    }

    /// Active bookings from today on that the new floor could not hold on their own tables:
    /// unknown tables, tables that are no longer a table or combination, a party outside its
    /// min/max, a new block, or a larger buffer that makes two bookings overlap.
    func strandedBookings(floor: Floor, restaurant: String) throws -> [JSONValue] {
        let today = Self.today(clock: clock, timezone: floor.layout.timezone)
        return LayoutChange.stranded(floor: floor, bookings: try store.activeBookings(restaurant: restaurant, from: today))
            .map { Self.stranded($0.booking, $0.reason) }
    }

    /// `layout.get`: the current layout with every default made explicit.
    func getLayout(_ fields: Fields) throws -> JSONValue {
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        let (floor, version) = try floor(restaurant)
        return .object([JSONMember("layout", Encode.layout(floor.layout)), JSONMember("version", .int(version))])
    }
}
