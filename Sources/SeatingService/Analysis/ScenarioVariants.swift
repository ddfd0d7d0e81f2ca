import MaitreJSON

/// Variations of a scenario for a sweep (`maitre simulate --vary`, `--layouts`): the scenario's
/// document with one field changed, or with another layout, each run on the same random demand as
/// the base (the same seeds) so the differences are paired.
///
/// Invariants: the base variant is the scenario as written (its layout inlined when given as a
/// path, which parses to the same floor), so a sweep's base reproduces the plain run; a field path
/// names fields that exist (`layout.services[1].pacing.maxCovers`), but its last key may be new in
/// an existing object; every failure names the path or value at fault.
public enum ScenarioVariants {
    /// One variant: what changed, in words a report can print, and the scenario document.
    public struct Variant: Sendable {
        public let name: String
        public let document: JSONValue
    }

    public struct Failure: Error, Sendable, Equatable {
        public let message: String

        public init(message: String) { self.message = message }
    }

    /// The scenario document with its `layout` inlined when it is a path (read through `load`,
    /// relative to the scenario as `ScenarioFile` reads it), so its fields can be varied too.
    public static func document(_ bytes: [UInt8], load: (String) throws -> [UInt8]) throws(Failure) -> JSONValue {
        guard var document = try? JSONParser.parse(bytes), case .object = document else {
            throw Failure(message: "the scenario is not a JSON object")
        }
        if case .string(let path)? = document["layout"] {
            guard let layout = try? JSONParser.parse(try load(path)) else { throw Failure(message: "layout: cannot read \(path) as JSON") }
            document = try setting(layout, at: "layout", in: document)
        }
        return document
    }

    /// `--vary PATH=VALUES`: one variant per value. VALUES is a JSON array, or values separated by
    /// commas, each read as JSON when it is (`36`, `null`, `true`) and as a string otherwise (`21:00`).
    public static func vary(_ document: JSONValue, _ argument: String) throws(Failure) -> [Variant] {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw Failure(message: "--vary \(argument): expected PATH=VALUE,VALUE,... (for example layout.services[0].pacing.maxCovers=30,36)")
        }
        let path = String(argument[..<equals]), text = String(argument[argument.index(after: equals)...])
        let values = try values(text)
        guard !values.isEmpty else { throw Failure(message: "--vary \(path): no values") }
        return try values.map { value throws(Failure) in
            Variant(name: "\(path)=\(JSONWriter.string(value))", document: try setting(value, at: path, in: document))
        }
    }

    /// The values of a `--vary` argument (see `vary`).
    static func values(_ text: String) throws(Failure) -> [JSONValue] {
        if text.hasPrefix("[") {
            guard case .array(let items)? = try? JSONParser.parse(Array(text.utf8)) else {
                throw Failure(message: "--vary: \(text) is not a JSON array")
            }
            return items
        }
        return text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let trimmed = String(part.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            return (try? JSONParser.parse(Array(trimmed.utf8))) ?? .string(trimmed)
        }
    }

    /// The document with `layout` replaced by another layout's document.
    public static func layout(_ document: JSONValue, name: String, layout: JSONValue) throws(Failure) -> Variant {
        Variant(name: "layout \(name)", document: try setting(layout, at: "layout", in: document))
    }

    /// A path's segments: keys and array indices (`services[1].pacing` is `services`, 1, `pacing`).
    enum Segment: Equatable {
        case key(String)
        case index(Int)
    }

    static func segments(_ path: String) throws(Failure) -> [Segment] {
        var segments: [Segment] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let key = rest.prefix { $0 != "[" }
            guard !key.isEmpty else { throw Failure(message: "--vary: \(path) has an empty field name") }
            segments.append(.key(String(key)))
            rest = rest.dropFirst(key.count)
            while rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0 else {
                    throw Failure(message: "--vary: \(path) has a malformed index")
                }
                segments.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { throw Failure(message: "--vary: \(path) has a malformed index") }
        }
        return segments
    }

    /// `document` with `value` at `path`.
    static func setting(_ value: JSONValue, at path: String, in document: JSONValue) throws(Failure) -> JSONValue {
        try setting(value, at: segments(path)[...], in: document, path: path, walked: "")
    }

    private static func setting(_ value: JSONValue, at segments: ArraySlice<Segment>, in node: JSONValue, path: String,
                                walked: String) throws(Failure) -> JSONValue {
        guard let segment = segments.first else { return value }
        switch (segment, node) {
        case (.key(let key), .object(var members)):
            let here = walked.isEmpty ? key : walked + "." + key
            if let index = members.lastIndex(where: { $0.key == key }) {
                members[index] = JSONMember(key, try setting(value, at: segments.dropFirst(), in: members[index].value, path: path, walked: here))
            } else {
                guard segments.count == 1 else { throw Failure(message: "--vary \(path): \(here) does not exist") }
                members.append(JSONMember(key, value))
            }
            return .object(members)
        case (.index(let index), .array(var items)):
            let here = walked + "[\(index)]"
            guard index < items.count else {
                throw Failure(message: "--vary \(path): \(here) does not exist (\(walked) has \(items.count))")
            }
            items[index] = try setting(value, at: segments.dropFirst(), in: items[index], path: path, walked: here)
            return .array(items)
        case (.key, _):
            throw Failure(message: "--vary \(path): \(walked.isEmpty ? "the scenario" : walked) is \(node.typeDescription), not an object")
        case (.index, _):
            throw Failure(message: "--vary \(path): \(walked) is \(node.typeDescription), not an array")
        }
    }
}
