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
    }

    public static func check(_ bytes: [UInt8]) -> Result<Summary, ProtocolError> {
        compile(bytes).map { floor in
            let layout = floor.layout
            return Summary(
                restaurant: layout.restaurant, tables: layout.tables.count, combinations: layout.combinations.count,
                seats: layout.seats, services: layout.services.count, warnings: LayoutValidator.validate(layout).warnings)
        }
    }

    /// The compiled floor of a layout document, or the first problem (the field at fault named).
    public static func compile(_ bytes: [UInt8]) -> Result<Floor, ProtocolError> {
        do {
            let value = try JSONParser.parse(bytes)
            let layout = try LayoutDecoding.decode(try Fields(value))
            do {
                return .success(try Floor(layout))
            } catch {
                return .failure(ProtocolError(.invalidLayout, error.first.message, field: error.first.path))
            }
        } catch let error as ProtocolError {
            return .failure(error)
        } catch {
            return .failure(ProtocolError(.invalidJSON, "malformed JSON: \(error)"))
        }
    }
}
