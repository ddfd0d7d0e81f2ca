import MaitreJSON
import Seating

/// Builds the JSON of responses: bookings, slots, layouts. One place, one key order.
///
/// Invariant: the same value always encodes to the same bytes (fixed member order, no
/// dictionaries iterated).
public enum Encode {
    public static func time(_ minutes: Int) -> JSONValue { .string(ClockTime.format(minutes)) }

    /// A layout's `to`, left out when it is the end of the service day (`48:00`): that is the
    /// document's default, and a time `layout.put` refuses, so `layout.get` stays re-sendable.
    static func until(_ minutes: Int) -> [JSONMember] {
        minutes >= ClockTime.limit ? [] : [JSONMember("to", time(minutes))]
    }

    /// A booking's guest JSON (stored as canonical text, checked when it was read) as a value.
    static func guest(_ booking: Booking) -> JSONValue {
        booking.guest.flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .null
    }

    static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }

    static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    public static func slot(_ slot: Slot) -> JSONValue {
        .object([
            JSONMember("time", time(slot.time)),
            JSONMember("duration", .int(slot.duration)),
            JSONMember("tables", strings(slot.tables)),
            JSONMember("reshuffle", .bool(slot.reshuffle)),
        ])
    }

    public static func booking(_ booking: Booking) -> JSONValue {
        .object([
            JSONMember("id", .string(booking.id)),
            JSONMember("restaurant", .string(booking.restaurant)),
            JSONMember("date", .string(booking.date.description)),
            JSONMember("time", time(booking.start)),
            JSONMember("duration", .int(booking.duration)),
            JSONMember("end", time(booking.end)),
            JSONMember("party", .int(booking.party)),
            JSONMember("tables", strings(booking.tables)),
            JSONMember("status", .string(booking.status.rawValue)),
            JSONMember("channel", .string(booking.channel.rawValue)),
            JSONMember("locked", .bool(booking.locked)),
            JSONMember("area", optional(booking.area)),
            JSONMember("tags", strings(booking.tags)),
            JSONMember("notes", optional(booking.notes)),
            JSONMember("guest", guest(booking)),
            JSONMember("idempotencyKey", optional(booking.idempotencyKey)),
            JSONMember("createdAt", .string(booking.createdAt)),
            JSONMember("updatedAt", .string(booking.updatedAt)),
        ])
    }

    static func days(_ days: Set<Weekday>) -> [JSONMember] {
        days.isEmpty ? [] : [JSONMember("days", strings(Weekday.allCases.filter(days.contains).map(\.rawValue)))]
    }

    static func bands(_ bands: [TurnTimes.Band]) -> JSONValue {
        .array(bands.map { band in
            .object((band.maxParty.map { [JSONMember("maxParty", .int($0))] } ?? []) + [JSONMember("minutes", .int(band.minutes))])
        })
    }

    static func number(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .number(String(value))
    }

    /// The layout document, with every default made explicit.
    public static func layout(_ layout: Layout) -> JSONValue {
        let tables: [JSONValue] = layout.tables.map { table in
            .object([
                JSONMember("id", .string(table.id)), JSONMember("min", .int(table.min)), JSONMember("max", .int(table.max)),
                JSONMember("area", .string(table.area)), JSONMember("tags", strings(table.tags)),
                JSONMember("reservable", .bool(table.reservable)), JSONMember("priority", .int(table.priority)),
                JSONMember("shape", .string(table.drawing.shape.rawValue)),
                JSONMember("x", number(table.drawing.x)), JSONMember("y", number(table.drawing.y)),
                JSONMember("w", number(table.drawing.w)), JSONMember("h", number(table.drawing.h)),
                JSONMember("rotation", number(table.drawing.rotation)),
            ])
        }
        let combinations: [JSONValue] = layout.combinations.map { combination in
            .object([
                JSONMember("id", .string(combination.id)), JSONMember("tables", strings(combination.tables)),
                JSONMember("min", .int(combination.min)), JSONMember("max", .int(combination.max)),
            ] + (combination.priority.map { [JSONMember("priority", .int($0))] } ?? []))
        }
        let overrides: [JSONValue] = layout.turnTimes.overrides.map { override in
            .object(days(override.days) + [
                JSONMember("from", time(override.from)),
            ] + until(override.to) + [
                JSONMember("turnTimes", bands(override.bands)),
            ])
        }
        let services: [JSONValue] = layout.services.map { service in
            var members = [JSONMember("name", .string(service.name))] + days(service.days) + [
                JSONMember("first", time(service.first)), JSONMember("last", time(service.last)),
            ]
            if let end = service.end { members.append(JSONMember("end", time(end))) }
            if let slot = service.slotMinutes { members.append(JSONMember("slotMinutes", .int(slot))) }
            members.append(JSONMember("minParty", .int(service.minParty)))
            members.append(JSONMember("maxParty", .int(service.maxParty)))
            if let pacing = service.pacing {
                var pacingMembers = [JSONMember("intervalMinutes", .int(pacing.intervalMinutes))]
                if let covers = pacing.maxCovers { pacingMembers.append(JSONMember("maxCovers", .int(covers))) }
                if let parties = pacing.maxParties { pacingMembers.append(JSONMember("maxParties", .int(parties))) }
                members.append(JSONMember("pacing", .object(pacingMembers)))
            }
            return .object(members)
        }
        let holds: [JSONValue] = layout.holds.map { hold in
            var members = [JSONMember("name", .string(hold.name))]
            switch hold.kind {
            case .tables(let tables): members.append(JSONMember("tables", strings(tables)))
            case .count(let count, let area, let low, let high):
                members.append(JSONMember("count", .int(count)))
                if let area { members.append(JSONMember("area", .string(area))) }
                if let low { members.append(JSONMember("minCapacity", .int(low))) }
                if let high { members.append(JSONMember("maxCapacity", .int(high))) }
            }
            return .object(members + days(hold.days) + [JSONMember("from", time(hold.from))] + until(hold.to))
        }
        let blocks: [JSONValue] = layout.blocks.map { block in
            .object([
                JSONMember("tables", strings(block.tables)), JSONMember("date", .string(block.date.description)),
                JSONMember("from", time(block.from)),
            ] + until(block.to) + (block.reason.map { [JSONMember("reason", .string($0))] } ?? []))
        }
        return .object([
            JSONMember("restaurant", .string(layout.restaurant)), JSONMember("name", .string(layout.name)),
            JSONMember("timezone", .string(layout.timezone)), JSONMember("slotMinutes", .int(layout.slotMinutes)),
            JSONMember("bufferMinutes", .int(layout.bufferMinutes)), JSONMember("tables", .array(tables)),
            JSONMember("combinations", .array(combinations)), JSONMember("turnTimes", bands(layout.turnTimes.bands)),
            JSONMember("turnTimeOverrides", .array(overrides)), JSONMember("services", .array(services)),
            JSONMember("holds", .array(holds)), JSONMember("blocks", .array(blocks)),
        ] + (layout.bookingWindow.map { window in
            [JSONMember("bookingWindow", .object([
                JSONMember("minNoticeMinutes", .int(window.minNoticeMinutes)), JSONMember("horizonDays", .int(window.horizonDays)),
            ]))]
        } ?? []))
    }
}
