import Foundation
import Seating

/// How a layout is kept in the store: `{"format": 1, "layout": {...}}`, the model's own Codable
/// form, owned here and versioned, not the protocol's layout document.
///
/// Invariants: reading applies no protocol rule (field lengths, ranges, what `layout.put`
/// accepts today), only the shape of the format, so tightening a rule of the protocol never
/// locks a restaurant out of the layout it already stored. A format this build does not know is
/// an error, never a guess.
public enum StoredLayoutFormat {
    /// The format this build writes.
    public static let version = 1

    private struct Envelope: Codable {
        var format: Int
        var layout: Layout
    }

    private struct FormatOnly: Decodable {
        var format: Int?
    }

    /// The stored text of `layout`.
    public static func encode(_ layout: Layout) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types into JSON cannot fail (no non-finite doubles pass validation).
        let data = (try? encoder.encode(Envelope(format: version, layout: layout))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The format version of a stored text, or nil when it has none (the protocol document that
    /// stores before format 1 kept).
    static func formatVersion(of text: String) -> Int? {
        (try? JSONDecoder().decode(FormatOnly.self, from: Data(text.utf8)))?.format
    }

    /// Reads a stored text; `restaurant` names the row in errors.
    public static func decode(_ text: String, restaurant: String) throws(StoreError) -> Layout {
        let record = "layout of \(restaurant)"
        guard let format = formatVersion(of: text) else {
            throw StoreError.corrupt(record: record, field: "layout", problem: "not a stored layout (no format version)")
        }
        guard format == version else {
            throw StoreError.corrupt(record: record, field: "layout",
                                     problem: "stored in format \(format); this build reads format \(version)")
        }
        do {
            return try JSONDecoder().decode(Envelope.self, from: Data(text.utf8)).layout
        } catch {
            throw StoreError.corrupt(record: record, field: "layout", problem: "unreadable: \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
