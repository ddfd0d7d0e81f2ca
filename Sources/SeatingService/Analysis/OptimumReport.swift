import MaitreJSON
import Seating

/// What `maitre optimum` prints: a one-object summary of an `OfflineOptimum.Result` and one plan
/// line per request, in the request order given.
///
/// Invariants: `covers == coversAsked - covers turned away`; `seated + turnedAway == requests`;
/// a plan line's `tables` is empty exactly when the request is turned away.
public enum OptimumReport {
    public static func summary(restaurant: String, date: ServiceDate, requests: [OfflineOptimum.Request],
                               result: OfflineOptimum.Result, milliseconds: Int? = nil) -> JSONValue {
        let asked = requests.reduce(0) { $0 + $1.party }
        var members: [JSONMember] = [
            JSONMember("restaurant", .string(restaurant)),
            JSONMember("date", .string(date.description)),
            JSONMember("requests", .int(requests.count)),
            JSONMember("coversAsked", .int(asked)),
            JSONMember("seated", .int(result.seated.count)),
            JSONMember("turnedAway", .int(requests.count - result.seated.count)),
            JSONMember("covers", .int(result.covers)),
            JSONMember("wastedSeats", .int(result.wastedSeats)),
            JSONMember("greedyCovers", .int(result.greedyCovers)),
            JSONMember("coversBound", .int(result.coversBound)),
            JSONMember("gap", .number(formatted(result.gap))),
            JSONMember("components", .int(result.components)),
        ]
        if let milliseconds { members.append(JSONMember("milliseconds", .int(milliseconds))) }
        return .object(members)
    }

    public static func planLines(requests: [OfflineOptimum.Request], result: OfflineOptimum.Result) -> [JSONValue] {
        requests.map { request in
            .object([
                JSONMember("id", .string(request.id)),
                JSONMember("time", .string(ClockTime.format(request.time))),
                JSONMember("party", .int(request.party)),
                JSONMember("duration", .int(request.duration)),
                JSONMember("tables", .array((result.seated[request.id] ?? []).map { .string($0) })),
            ])
        }
    }

    /// A fraction with four decimals, as JSON number text (`0.0295`).
    static func formatted(_ fraction: Double) -> String {
        let scaled = Int((fraction * 10_000).rounded())
        let whole = scaled / 10_000, rest = scaled % 10_000
        let digits = String(rest)
        return "\(whole).\(String(repeating: "0", count: 4 - digits.count))\(digits)"
    }
}
