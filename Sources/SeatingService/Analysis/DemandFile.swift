import MaitreJSON
import Seating

/// A day's demand for the offline optimum: NDJSON, one request per line,
/// `{"id":"q1","time":"19:00","party":4,"duration":105}`.
///
/// `id` is optional (default `line N`) and unique; `time` is `HH:MM` (past midnight up to 47:59);
/// `party` is 1...1,000 (a party no table fits is kept: it counts as turned away); `duration`
/// (minutes, 1...1,440) defaults to the layout's turn time for the party, the date's weekday and
/// the time. Blank lines are skipped. Every error names the line and the field at fault.
public enum DemandFile {
    /// What is wrong, where: `line 7: party: must be an integer in 1...1000`.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var field: String?
        public var message: String
        public var description: String { "line \(line): \(field.map { "\($0): " } ?? "")\(message)" }

        public init(line: Int, field: String?, message: String) {
            self.line = line
            self.field = field
            self.message = message
        }
    }

    /// The most requests one file may hold.
    public static let maxRequests = 100_000

    public static func parse(_ bytes: [UInt8], floor: Floor, date: ServiceDate) throws(Failure) -> [OfflineOptimum.Request] {
        var requests: [OfflineOptimum.Request] = []
        var seen: Set<String> = []
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            guard requests.count < maxRequests else {
                throw Failure(line: lineNumber, field: nil, message: "more than \(maxRequests) requests")
            }
            let request: OfflineOptimum.Request
            do {
                let value = try JSONParser.parse(line)
                let fields = try Fields(value)
                let time = try fields.time("time", required: true)!
                let party = try fields.requiredInt("party", in: 1...1_000)
                let id = try fields.string("id", maxLength: 256) ?? "line \(lineNumber)"
                let duration = try fields.int("duration", in: 1...1_440)
                    ?? SlotEvaluator.duration(floor: floor, query: SeatingQuery(date: date, time: time, party: party))
                request = OfflineOptimum.Request(id: id, time: time, party: party, duration: duration)
            } catch let failure as JSONParser.Failure {
                throw Failure(line: lineNumber, field: nil, message: "invalid JSON: \(failure)")
            } catch let error as ProtocolError {
                // Protocol messages start with the field; the failure names it separately.
                let prefix = error.field.map { "\($0): " } ?? ""
                let message = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
                throw Failure(line: lineNumber, field: error.field, message: message)
            } catch {
                throw Failure(line: lineNumber, field: nil, message: "\(error)")
            }
            guard seen.insert(request.id).inserted else {
                throw Failure(line: lineNumber, field: "id", message: "\"\(request.id)\" appears on an earlier line")
            }
            requests.append(request)
        }
        return requests
    }
}
