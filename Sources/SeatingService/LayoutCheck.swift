import MaitreJSON
import Seating

/// Validates a layout document offline, with the same decoding and rules as `layout.put`.
public enum LayoutCheck {
    /// Capacity figures of a valid layout.
    public struct Summary: Sendable {
        public let restaurant: String
        public let tables: Int
        public let combinations: Int
        public let seats: Int
        public let services: Int
        public let warnings: [LayoutProblem]
        /// What the floor can seat (`CapacityFigures` without a day).
        public let capacity: CapacityFigures
    }

    /// Why a layout document was refused: the first problem as the protocol reports it, every
    /// problem as a `path: message` line, and for JSON syntax errors the byte offset.
    public struct Failure: Error, Sendable {
        public let error: ProtocolError
        public let problems: [String]
        public let syntaxOffset: Int?
    }

    public static func check(_ bytes: [UInt8]) -> Result<Summary, Failure> {
        compile(bytes).map { floor in
            let layout = floor.layout
            return Summary(
                restaurant: layout.restaurant, tables: layout.tables.count, combinations: layout.combinations.count,
                seats: layout.seats, services: layout.services.count, warnings: LayoutValidator.validate(layout).warnings,
                capacity: CapacityFigures(floor: floor))
        }
    }

    /// The compiled floor of a layout document, or every problem found (the field at fault named).
    public static func compile(_ bytes: [UInt8]) -> Result<Floor, Failure> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let failure = ProtocolError(.invalidJSON, "malformed JSON: \(error.message)")
            return .failure(Failure(error: failure, problems: [failure.line], syntaxOffset: error.offset))
        }
        do {
            let layout = try LayoutDecoding.decode(try Fields(value))
            do {
                return .success(try Floor(layout))
            } catch {
                return .failure(Failure(error: ProtocolError(.invalidLayout, error.first.message, field: error.first.path),
                                        problems: error.problems.map(\.description), syntaxOffset: nil))
            }
        } catch {
            return .failure(Failure(error: error, problems: [error.line], syntaxOffset: nil))
        }
    }
}
