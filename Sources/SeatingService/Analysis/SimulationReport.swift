import MaitreJSON
import Seating

/// How `maitre simulate` prints a `SimulationSummary`: a Markdown table, one JSON object, and
/// one CSV row per policy and replication.
///
/// Invariant: the output depends only on the summary (no clock, no machine), so the same scenario
/// and seed give byte-identical files, unless the runs were timed (`solverMsP95`, `--timings`).
public enum SimulationReport {
    /// The metrics the Markdown table shows, in order (the JSON and CSV carry them all).
    static let headline = ["requests", "seated", "turnedAway", "covers", "revenue", "revpash", "serviceRate",
                           "walkInsSeated", "walkInsLost", "meanWaitMinutes", "moves", "solverMsP95", "offlineShare"]

    public static func markdown(_ summary: SimulationSummary, scenario: String, seed: UInt64, replications: Int) -> String {
        var out = "## \(scenario): \(replications) replication\(replications == 1 ? "" : "s"), seed \(seed)\n\n"
        out += "| metric | " + summary.policies.map(\.rawValue).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: summary.policies.count) + "\n"
        for name in headline {
            let cells = summary.policies.map { policy -> String in
                guard let estimate = summary.estimates[policy]?[name] else { return "–" }
                return format(estimate, metric: name)
            }
            guard cells.contains(where: { $0 != "–" }) else { continue }
            out += "| \(name) | " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\nMeans with 95 % confidence half-widths over replications; `offline` seats reservations only.\n"
        return out
    }

    static func format(_ estimate: Estimate, metric: String) -> String {
        let digits = ["serviceRate", "offlineShare"].contains(metric) || metric.hasPrefix("seatOccupancy") ? 3
            : ["revpash", "meanWaitMinutes", "solverMsP95"].contains(metric) || metric.hasPrefix("revpash") ? 2 : 1
        return fixed(estimate.mean, digits) + " ± " + fixed(estimate.ci95, digits)
    }

    /// A number with exactly `digits` decimals, locale-free.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "0" }
        let scale = [1.0, 10, 100, 1_000, 10_000][min(4, digits)]
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale), fraction = Int(scaled) - whole * Int(scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let text = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
    }

    public static func json(_ summary: SimulationSummary, scenario: String, seed: UInt64, replications: Int) -> JSONValue {
        .object([
            JSONMember("scenario", .string(scenario)), JSONMember("seed", .number(String(seed))),
            JSONMember("replications", .int(replications)),
            JSONMember("policies", .object(summary.policies.map { policy in
                JSONMember(policy.rawValue, .object(summary.metricNames.compactMap { name in
                    summary.estimates[policy]?[name].map { estimate in
                        JSONMember(name, .object([JSONMember("mean", .number(fixed(estimate.mean, 4))),
                                                  JSONMember("ci95", .number(fixed(estimate.ci95, 4)))]))
                    }
                }))
            })),
        ])
    }

    public static func csv(_ summary: SimulationSummary) -> String {
        var out = "policy,replication," + summary.metricNames.joined(separator: ",") + "\n"
        for policy in summary.policies {
            for (index, row) in (summary.rows[policy] ?? []).enumerated() {
                out += "\(policy.rawValue),\(index + 1)," + summary.metricNames.map { row[$0].map { fixed($0, 4) } ?? "" }.joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
