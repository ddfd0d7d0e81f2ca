import MaitreJSON
import Seating

/// What makes two `book` requests "the same request" for an idempotency key: a declared list of
/// fields, each with its value after defaults, stored as `{"format": N, "fields": {...}}`.
///
/// Invariants:
/// - only the declared fields count, never the request's text (field order, the envelope `id`,
///   unknown fields);
/// - a stored fingerprint is compared field by field; a field it lacks (stored by a build that
///   did not know the field, or before fingerprints had a format) counts as that field's
///   default, so adding a field to `book` never turns a retry made across the upgrade into
///   `idempotency_conflict`, unless the retry gives the new field a non-default value;
/// - adding a field means appending to `fields` with its default and bumping `format`.
struct BookFingerprint: Equatable {
    /// The format this build writes.
    static let format = 1

    /// The declared fields and the value each takes when a request leaves it out.
    static let fields: [(name: String, defaultValue: JSONValue)] = [
        ("restaurant", .null), ("date", .null), ("time", .null), ("party", .null), ("duration", .null), ("area", .null),
        ("tags", .array([])), ("channel", .string(Booking.Channel.online.rawValue)), ("idempotencyKey", .null),
        ("tables", .null), ("notes", .null), ("guest", .null),
    ]

    /// Each declared field's value, by name.
    let values: [String: JSONValue]

    /// Same request: every declared field has the same canonical JSON.
    static func == (a: BookFingerprint, b: BookFingerprint) -> Bool {
        fields.allSatisfy { field in
            JSONWriter.string(a.values[field.name] ?? .null) == JSONWriter.string(b.values[field.name] ?? .null)
        }
    }

    init(restaurant: String, query: SeatingQuery, key: String?, tables: [String]?, notes: String?, guest: JSONValue?) {
        let given: [String: JSONValue] = [
            "restaurant": .string(restaurant), "date": .string(query.date.description), "time": Encode.time(query.time),
            "party": .int(query.party), "duration": query.duration.map { .int($0) } ?? .null,
            "area": Encode.optional(query.area), "tags": Encode.strings(query.tags), "channel": .string(query.channel.rawValue),
            "idempotencyKey": Encode.optional(key), "tables": tables.map(Encode.strings) ?? .null,
            "notes": Encode.optional(notes), "guest": guest ?? .null,
        ]
        var values: [String: JSONValue] = [:]
        for field in Self.fields { values[field.name] = given[field.name] ?? field.defaultValue }
        self.values = values
    }

    /// Reads a stored fingerprint: this format, an older one, or the bare field object stores kept
    /// before fingerprints had a format. Nil when it is not JSON at all.
    init?(stored text: String) {
        guard let parsed = try? JSONParser.parse(Array(text.utf8)), case .object = parsed else { return nil }
        let object = parsed["format"] != nil ? parsed["fields"] ?? .null : parsed
        guard case .object(let members) = object else { return nil }
        var values: [String: JSONValue] = [:]
        for field in Self.fields { values[field.name] = members.first { $0.key == field.name }?.value ?? field.defaultValue }
        self.values = values
    }

    /// The stored text.
    var text: String {
        let members = Self.fields.map { JSONMember($0.name, values[$0.name] ?? .null) }
        return JSONWriter.string(.object([JSONMember("format", .int(Self.format)), JSONMember("fields", .object(members))]))
    }
}
