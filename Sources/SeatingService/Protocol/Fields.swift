import MaitreJSON
import Seating

/// Reads typed fields out of a JSON object, naming the exact path of any field at fault.
///
/// Invariant: every accessor either returns a value within the stated bounds or throws an
/// `invalid_request` `ProtocolError` whose `field` is the full path (`layout.tables[3].max`).
///
/// ```swift
/// let fields = try Fields(request)                       // the request object
/// let party = try fields.int("party", in: 1...500)       // 4, or an error naming "party"
/// let tables = try fields.objects("tables")              // [Fields] with paths tables[0], ...
/// ```
public struct Fields: Sendable {
    public let value: JSONValue
    public let path: String

    public init(_ value: JSONValue, path: String = "") throws(ProtocolError) {
        guard case .object = value else {
            throw path.isEmpty
                ? ProtocolError(.invalidRequest, "a request must be a JSON object")
                : .invalid(path, "must be an object, not \(value.typeDescription)")
        }
        self.value = value
        self.path = path
    }

    public func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func has(_ key: String) -> Bool {
        guard let found = value[key] else { return false }
        return !found.isNull
    }

    private func raw(_ key: String, required: Bool) throws(ProtocolError) -> JSONValue? {
        guard let found = value[key], !found.isNull else {
            if required { throw .invalid(child(key), "is required") }
            return nil
        }
        return found
    }

    public func string(_ key: String, required: Bool = false, maxLength: Int = 256) throws(ProtocolError) -> String? {
        guard let found = try raw(key, required: required) else { return nil }
        guard let text = found.stringValue else { throw .invalid(child(key), "must be a string, not \(found.typeDescription)") }
        if required && text.isEmpty { throw .invalid(child(key), "must not be empty") }
        guard text.utf8.count <= maxLength else { throw .invalid(child(key), "is longer than \(maxLength) bytes") }
        return text
    }

    public func requiredString(_ key: String, maxLength: Int = 256) throws(ProtocolError) -> String {
        try string(key, required: true, maxLength: maxLength)!
    }

    public func int(_ key: String, in range: ClosedRange<Int>, required: Bool = false) throws(ProtocolError) -> Int? {
        guard let found = try raw(key, required: required) else { return nil }
        guard case .number = found else { throw .invalid(child(key), "must be a number, not \(found.typeDescription)") }
        guard let number = found.intValue else { throw .invalid(child(key), "must be a whole number") }
        guard range.contains(number) else {
            throw .invalid(child(key), "must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
        }
        return number
    }

    public func requiredInt(_ key: String, in range: ClosedRange<Int>) throws(ProtocolError) -> Int {
        try int(key, in: range, required: true)!
    }

    public func double(_ key: String, in range: ClosedRange<Double>) throws(ProtocolError) -> Double? {
        guard let found = try raw(key, required: false) else { return nil }
        guard let number = found.doubleValue else { throw .invalid(child(key), "must be a number, not \(found.typeDescription)") }
        guard range.contains(number) else { throw .invalid(child(key), "must be between \(range.lowerBound) and \(range.upperBound)") }
        return number
    }

    public func bool(_ key: String) throws(ProtocolError) -> Bool? {
        guard let found = try raw(key, required: false) else { return nil }
        guard let flag = found.boolValue else { throw .invalid(child(key), "must be true or false, not \(found.typeDescription)") }
        return flag
    }

    public func date(_ key: String, required: Bool = false) throws(ProtocolError) -> ServiceDate? {
        // Read longer than a date, so that "2026-11-21T19:00" is told the format, not its length.
        guard let text = try string(key, required: required, maxLength: 64) else { return nil }
        guard let date = ServiceDate(text) else { throw .invalid(child(key), "must be a date YYYY-MM-DD, not \"\(text)\"") }
        return date
    }

    public func time(_ key: String, required: Bool = false) throws(ProtocolError) -> Int? {
        guard let text = try string(key, required: required, maxLength: 5) else { return nil }
        guard let minutes = ClockTime.parse(text) else {
            throw .invalid(child(key), "must be a time HH:MM between 00:00 and 47:59, not \"\(text)\"")
        }
        return minutes
    }

    public func array(_ key: String, required: Bool = false, maxCount: Int = 10_000) throws(ProtocolError) -> [JSONValue]? {
        guard let found = try raw(key, required: required) else { return nil }
        guard let items = found.arrayValue else { throw .invalid(child(key), "must be an array, not \(found.typeDescription)") }
        guard items.count <= maxCount else { throw .invalid(child(key), "has more than \(maxCount) items") }
        return items
    }

    public func strings(_ key: String, required: Bool = false, maxCount: Int = 1_000) throws(ProtocolError) -> [String]? {
        guard let items = try array(key, required: required, maxCount: maxCount) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue, !text.isEmpty, text.utf8.count <= 256 else {
                throw .invalid("\(child(key))[\(index)]", "must be a non-empty string of at most 256 bytes")
            }
            result.append(text)
        }
        return result
    }

    public func objects(_ key: String, required: Bool = false, maxCount: Int = 10_000) throws(ProtocolError) -> [Fields]? {
        guard let items = try array(key, required: required, maxCount: maxCount) else { return nil }
        var result: [Fields] = []
        for (index, item) in items.enumerated() {
            result.append(try Fields(item, path: "\(child(key))[\(index)]"))
        }
        return result
    }

    public func object(_ key: String, required: Bool = false) throws(ProtocolError) -> Fields? {
        guard let found = try raw(key, required: required) else { return nil }
        return try Fields(found, path: child(key))
    }

    public func weekdays(_ key: String) throws(ProtocolError) -> Set<Weekday> {
        guard let names = try strings(key, maxCount: 7) else { return [] }
        var days: Set<Weekday> = []
        for (index, name) in names.enumerated() {
            guard let day = Weekday(rawValue: name.lowercased()) else {
                throw .invalid("\(child(key))[\(index)]", "must be one of mon, tue, wed, thu, fri, sat, sun")
            }
            days.insert(day)
        }
        return days
    }
}
