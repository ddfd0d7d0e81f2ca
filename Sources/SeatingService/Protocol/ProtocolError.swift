import MaitreJSON
import Seating
import SeatingStore

/// An error response of the protocol: a code, a message for people, the field at fault, and
/// any structured details (`alternatives`, `bookings`).
///
/// Invariants: rendering (`json`, `line`) is the only place errors are shaped; `field` is a
/// path relative to the request (`layout.tables[3].max`) and `message` never repeats it (the
/// path is added once, by `line`, where an error is printed for people).
public struct ProtocolError: Error, Sendable, Equatable {
    /// The error codes of the protocol; docs/protocol.md documents each (`ProtocolDocumentTests`).
    public enum Code: String, Sendable, CaseIterable {
        case invalidJSON = "invalid_json"
        case invalidRequest = "invalid_request"
        case unknownOp = "unknown_op"
        case notFound = "not_found"
        case invalidLayout = "invalid_layout"
        case layoutConflict = "layout_conflict"
        case closed
        case partySizeNotAccepted = "party_size_not_accepted"
        case noCapacity = "no_capacity"
        case pacingLimit = "pacing_limit"
        case idempotencyConflict = "idempotency_conflict"
        case invalidState = "invalid_state"
        case partyTooLarge = "party_too_large"
        case tooLarge = "too_large"
        /// The database cannot be reached (PostgreSQL down or restarting): nothing changed, retry.
        case unavailable
        case `internal`
    }

    public var code: Code
    public var message: String
    public var field: String?
    public var details: [JSONMember]

    public init(_ code: Code, _ message: String, field: String? = nil, details: [JSONMember] = []) {
        self.code = code
        self.message = message
        self.field = field
        self.details = details
    }

    /// A missing or mistyped field.
    public static func invalid(_ field: String, _ message: String) -> ProtocolError {
        ProtocolError(.invalidRequest, message, field: field)
    }

    /// The error as one line for people: `field: message`, or the message alone.
    public var line: String { field.map { "\($0): \(message)" } ?? message }

    /// The `error` object of a failure response.
    public var json: JSONValue {
        var members = [JSONMember("code", .string(code.rawValue)), JSONMember("message", .string(message))]
        if let field { members.append(JSONMember("field", .string(field))) }
        members.append(contentsOf: details)
        return .object(members)
    }

    /// Renders a store failure: `internal`, nothing changed; corrupt stored data adds
    /// `"reason": "corrupt"` and the `record` and stored `column` at fault. A database that
    /// cannot be reached is `unavailable` with `"retryable": true`.
    public init(_ error: StoreError) {
        switch error {
        case .unavailable:
            self.init(.unavailable, "\(error); retry shortly", details: [JSONMember("retryable", .bool(true))])
        case .corrupt(let record, let column, _):
            self.init(.internal, "stored data is corrupt, nothing was changed: \(error)", details: [
                JSONMember("reason", "corrupt"), JSONMember("record", .string(record)), JSONMember("column", .string(column)),
            ])
        default:
            self.init(.internal, "storage failed, nothing was changed: \(error)")
        }
    }

    /// Renders an engine refusal; `tablesField` is the request path of the tables a host named.
    public init(_ error: SeatingError, tablesField: String = "tables") {
        switch error {
        case .closed(let message): self.init(.closed, message, field: "time")
        case .outsideWindow(let reason, let message, let alternatives):
            self.init(.closed, message, field: reason == .beyondHorizon ? "date" : "time", details: [
                JSONMember("reason", .string(reason.rawValue)),
                JSONMember("alternatives", .array(alternatives.map { Encode.slot($0) })),
            ])
        case .partyTooLarge: self.init(.partyTooLarge, error.message, field: "party")
        case .partySizeNotAccepted(let message): self.init(.partySizeNotAccepted, message, field: "party")
        case .noCapacity(let reason, let alternatives):
            self.init(.noCapacity, error.message, details: [
                JSONMember("reason", .string(reason.rawValue)),
                JSONMember("alternatives", .array(alternatives.map { Encode.slot($0) })),
            ])
        case .pacingLimit(let alternatives, let excess):
            self.init(.pacingLimit, error.message, details: (excess.map { [JSONMember("cap", .string($0.cap.rawValue))] } ?? []) + [
                JSONMember("alternatives", .array(alternatives.map { Encode.slot($0) })),
            ])
        case .invalidTables(let index, let message):
            self.init(.invalidRequest, message, field: index.map { "\(tablesField)[\($0)]" } ?? tablesField)
        case .invalidState(let message): self.init(.invalidState, message)
        case .invalidField(let field, let message): self.init(.invalidRequest, message, field: field)
        }
    }
}
