import Seating

/// Turns a layout document (PROTOCOL.md "Layout document") into a `Layout`, naming the path of
/// any field of the wrong type or out of range. Semantic rules (duplicate ids, min > max, ...)
/// are `LayoutValidator`'s, so `maitre check` and `layout.put` report the same problems.
public enum LayoutDecoding {
    /// Decodes `fields` (the layout object; its `path` prefixes every error path).
    public static func decode(_ fields: Fields) throws(ProtocolError) -> Layout {
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        let tables = try (fields.objects("tables", required: true, maxCount: LayoutValidator.maxTables) ?? []).map(table)
        let combinations = try (fields.objects("combinations", maxCount: 5_000) ?? []).map(combination)
        let bands = try fields.objects("turnTimes", maxCount: 50).map { (objects) throws(ProtocolError) in try objects.map(band) }
        let overrides = try (fields.objects("turnTimeOverrides", maxCount: 100) ?? []).map(turnTimeOverride)
        let services = try (fields.objects("services", required: true, maxCount: 50) ?? []).map(service)
        let holds = try (fields.objects("holds", maxCount: 200) ?? []).map(hold)
        let blocks = try (fields.objects("blocks", maxCount: 5_000) ?? []).map(block)
        let window = try fields.object("bookingWindow").map { (window) throws(ProtocolError) in
            BookingWindow(
                minNoticeMinutes: try window.int("minNoticeMinutes", in: 0...BookingWindow.maxNoticeMinutes) ?? 0,
                horizonDays: try window.int("horizonDays", in: 0...BookingWindow.maxHorizonDays) ?? 90)
        }
        return Layout(
            restaurant: restaurant,
            name: try fields.string("name") ?? restaurant,
            timezone: try fields.string("timezone", maxLength: 64) ?? "UTC",
            slotMinutes: try fields.int("slotMinutes", in: 1...240) ?? 15,
            bufferMinutes: try fields.int("bufferMinutes", in: 0...240) ?? 0,
            tables: tables, combinations: combinations,
            turnTimes: TurnTimes(bands: bands ?? TurnTimes.defaultBands, overrides: overrides),
            services: services, holds: holds, blocks: blocks, bookingWindow: window)
    }

    static let covers = 0...LayoutValidator.maxCovers
    static let coordinate = -1_000_000.0...1_000_000.0

    static func table(_ fields: Fields) throws(ProtocolError) -> Table {
        let shapeName = try fields.string("shape") ?? "square"
        guard let shape = Drawing.Shape(rawValue: shapeName) else {
            throw .invalid(fields.child("shape"), "must be one of \(Drawing.Shape.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let max = try fields.requiredInt("max", in: covers)
        return Table(
            id: try fields.requiredString("id", maxLength: 64),
            min: try fields.int("min", in: covers) ?? 1,
            max: max,
            area: try fields.string("area", maxLength: 64) ?? "main",
            tags: try fields.strings("tags", maxCount: 32) ?? [],
            reservable: try fields.bool("reservable") ?? true,
            priority: try fields.int("priority", in: -1_000_000...1_000_000) ?? 0,
            drawing: Drawing(
                shape: shape, x: try fields.double("x", in: coordinate) ?? 0, y: try fields.double("y", in: coordinate) ?? 0,
                w: try fields.double("w", in: 0...10_000) ?? 1, h: try fields.double("h", in: 0...10_000) ?? 1,
                rotation: try fields.double("rotation", in: -360...360) ?? 0))
    }

    static func combination(_ fields: Fields) throws(ProtocolError) -> Combination {
        let tables = try fields.strings("tables", required: true, maxCount: 64) ?? []
        return Combination(
            id: try fields.string("id", maxLength: 64) ?? tables.joined(separator: "+"),
            tables: tables,
            min: try fields.int("min", in: covers) ?? 1,
            max: try fields.requiredInt("max", in: covers),
            priority: try fields.int("priority", in: -1_000_000...1_000_000))
    }

    static func band(_ fields: Fields) throws(ProtocolError) -> TurnTimes.Band {
        TurnTimes.Band(maxParty: try fields.int("maxParty", in: 1...LayoutValidator.maxCovers),
                       minutes: try fields.requiredInt("minutes", in: 1...LayoutValidator.maxMinutes))
    }

    static func turnTimeOverride(_ fields: Fields) throws(ProtocolError) -> TurnTimes.Override {
        TurnTimes.Override(
            days: try fields.weekdays("days"),
            from: try fields.time("from") ?? 0, to: try fields.time("to") ?? ClockTime.limit,
            bands: try (fields.objects("turnTimes", required: true, maxCount: 50) ?? []).map(band))
    }

    static func service(_ fields: Fields) throws(ProtocolError) -> Service {
        var pacing: Pacing?
        if let pacingFields = try fields.object("pacing") {
            pacing = Pacing(
                intervalMinutes: try pacingFields.int("intervalMinutes", in: 1...240) ?? 15,
                maxCovers: try pacingFields.int("maxCovers", in: 0...100_000),
                maxParties: try pacingFields.int("maxParties", in: 0...100_000))
        }
        return Service(
            name: try fields.requiredString("name", maxLength: 64),
            days: try fields.weekdays("days"),
            first: try fields.time("first", required: true)!,
            last: try fields.time("last", required: true)!,
            end: try fields.time("end"),
            slotMinutes: try fields.int("slotMinutes", in: 1...240),
            minParty: try fields.int("minParty", in: 1...LayoutValidator.maxCovers) ?? 1,
            maxParty: try fields.int("maxParty", in: 1...LayoutValidator.maxCovers) ?? 20,
            pacing: pacing)
    }

    static func hold(_ fields: Fields) throws(ProtocolError) -> Hold {
        let name = try fields.string("name", maxLength: 128) ?? "hold"
        let kind: Hold.Kind
        if let tables = try fields.strings("tables", maxCount: 2_000) {
            if fields.has("count") { throw .invalid(fields.child("count"), "a hold names tables or a count, not both") }
            kind = .tables(tables)
        } else if let count = try fields.int("count", in: 0...LayoutValidator.maxTables) {
            kind = .count(count, area: try fields.string("area", maxLength: 64),
                          minCapacity: try fields.int("minCapacity", in: covers),
                          maxCapacity: try fields.int("maxCapacity", in: covers))
        } else {
            throw .invalid(fields.child("tables"), "a hold needs tables or a count")
        }
        return Hold(name: name, kind: kind, days: try fields.weekdays("days"),
                    from: try fields.time("from") ?? 0, to: try fields.time("to") ?? ClockTime.limit)
    }

    static func block(_ fields: Fields) throws(ProtocolError) -> Block {
        Block(tables: try fields.strings("tables", required: true, maxCount: 2_000) ?? [],
              date: try fields.date("date", required: true)!,
              from: try fields.time("from") ?? 0, to: try fields.time("to") ?? ClockTime.limit,
              reason: try fields.string("reason", maxLength: 256))
    }
}
