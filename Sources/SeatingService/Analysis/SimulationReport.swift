import MaitreJSON
import Seating

/// How `maitre simulate` prints a `SimulationSummary`: a Markdown table, one JSON object, and
/// one CSV row per policy and replication.
///
/// Invariant: the output depends only on the summary (no clock, no machine), so the same scenario
/// and seed give byte-identical files, unless the runs were timed (`solverMsP95`, `--timings`).
public enum SimulationReport {
    /// The metrics the Markdown table shows, in order (the JSON and CSV carry them all).
    static let headline = ["requests", "seated", "turnedAway", "covers", "reservationCovers", "coversBound", "revenue", "revpash", "serviceRate",
                           "walkInsSeated", "walkInsLost", "meanWaitMinutes", "moves", "solverMsP95", "offlineShare"]

    /// The metrics compared with the baseline policy, paired replication by replication.
    static let paired = ["seated", "turnedAway", "covers", "revenue", "walkInsLost", "meanWaitMinutes"]

    /// The policy others are compared with: `requested` when it ran, else best fit when it ran,
    /// else the first policy; nil with fewer than two policies.
    public static func baseline(_ summary: SimulationSummary, requested: SeatingPolicy? = nil) -> SeatingPolicy? {
        guard summary.policies.count > 1 else { return nil }
        if let requested, summary.policies.contains(requested) { return requested }
        return summary.policies.contains(.bestFit) ? .bestFit : summary.policies.first
    }

    /// The policies compared with `baseline`: every other one but the offline ceilings (they seat
    /// reservations only; `offlineShare` and the ladder are their comparisons).
    static func comparedWith(_ baseline: SeatingPolicy, _ summary: SimulationSummary) -> [SeatingPolicy] {
        summary.policies.filter { $0 != baseline && !$0.isCeiling }
    }

    /// The ladder of reservation covers, top down, as far as its rungs ran: the rule-free ceiling
    /// (`offline-free`), the ceiling under the floor's rules (`offline`), then the online policies
    /// from the most reservation covers down. Each rung with the paired difference from the rung
    /// above and what that step is: the rules' cost, the online order's cost, or one policy's loss
    /// against a better one.
    public static func ladder(_ summary: SimulationSummary) -> [(policy: SeatingPolicy, step: String?, difference: Estimate?)] {
        let ceilings = [SeatingPolicy.offlineFree, .offline].filter(summary.policies.contains)
        let online = summary.policies.filter { !$0.isCeiling }.sorted {
            (summary.estimates[$0]?["reservationCovers"]?.mean ?? 0) > (summary.estimates[$1]?["reservationCovers"]?.mean ?? 0)
        }
        let rungs = ceilings + online
        guard rungs.count > 1, !ceilings.isEmpty else { return [] }
        return rungs.enumerated().map { index, policy in
            guard index > 0 else { return (policy, nil, nil) }
            let above = rungs[index - 1]
            let step = switch (above, policy.isCeiling) {
            case (.offlineFree, true): "what the rules cost"
            case (_, false) where above.isCeiling: "what the online order costs"
            default: "below \(above.rawValue)"
            }
            return (policy, step, summary.difference(above, from: policy, metric: "reservationCovers"))
        }
    }

    public static func markdown(_ summary: SimulationSummary, scenario: String, seed: UInt64, replications: Int,
                                baseline: SeatingPolicy? = nil) -> String {
        var out = "## \(scenario): \(replications) replication\(replications == 1 ? "" : "s"), seed \(seed)\n\n"
        out += "| metric | " + summary.policies.map(\.rawValue).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: summary.policies.count) + "\n"
        var belowZero = false
        for name in headline {
            let cells = summary.policies.map { policy -> String in
                guard let estimate = summary.estimates[policy]?[name] else { return "–" }
                // Every headline quantity is non-negative: an interval reaching below zero is flagged.
                let flagged = replications > 1 && estimate.mean - estimate.ci95 < 0 && estimate.mean > 0
                belowZero = belowZero || flagged
                return format(estimate, metric: name) + (flagged ? " †" : "")
            }
            guard cells.contains(where: { $0 != "–" }) else { continue }
            out += "| \(name) | " + cells.joined(separator: " | ") + " |\n"
        }
        if replications == 1 {
            out += "\nOne replication: no interval can be computed (± 0 is not a precision); run several.\n"
        }
        if belowZero {
            out += "\n† The interval reaches below zero for a quantity that cannot: a skewed, mostly-zero quantity "
                + "(a few long waits) where the normal interval is poor; read it as 0 to the mean plus the half-width, "
                + "or run more replications.\n"
        }
        out += "\nMeans with 95 % confidence half-widths over replications; the ceilings (`offline`, `offline-free`) "
            + "seat reservations only, and `coversBound` is the most reservation covers they proved possible.\n"
        let reasons = summary.metricNames.filter { $0.hasPrefix("turnedAwayByReason.") }
        if !reasons.isEmpty {
            out += "\n### Turned away, by reason\n\n"
            out += "| reason | " + summary.policies.map(\.rawValue).joined(separator: " | ") + " |\n"
            out += "|---|" + String(repeating: "---|", count: summary.policies.count) + "\n"
            for name in reasons {
                out += "| \(name.dropFirst("turnedAwayByReason.".count)) | " + summary.policies.map { policy in
                    summary.estimates[policy]?[name].map { format($0, metric: name) } ?? "–"
                }.joined(separator: " | ") + " |\n"
            }
            out += "\nA reservation request's reason is what the service says at the nearest time of its window still ahead; "
                + "the counts of a policy sum to its `turnedAway`.\n"
        }
        let rungs = ladder(summary)
        if !rungs.isEmpty {
            out += "\n### The ladder: where the reservation covers go\n\n"
            out += "| rung | reservation covers | step from the rung above |\n|---|---|---|\n"
            for rung in rungs {
                let covers = summary.estimates[rung.policy]?["reservationCovers"].map { format($0, metric: "covers") } ?? "–"
                var step = ""
                if let name = rung.step {
                    step = name
                    if let difference = rung.difference, replications > 1 { step += ": " + format(difference, metric: "covers") }
                    else if let difference = rung.difference { step += ": " + fixed(difference.mean, 1) }
                }
                out += "| \(rung.policy.rawValue) | \(covers) | \(step) |\n"
            }
            out += "\nEach step is the rung above minus this one, replication by replication on the same demand.\n"
        }
        if let baseline, replications > 1, !comparedWith(baseline, summary).isEmpty {
            let others = comparedWith(baseline, summary)
            out += "\n### Against \(baseline.rawValue), paired on the same demand\n\n"
            out += "| metric | " + others.map(\.rawValue).joined(separator: " | ") + " |\n"
            out += "|---|" + String(repeating: "---|", count: others.count) + "\n"
            for name in paired {
                let cells = others.map { policy -> String in
                    guard let difference = summary.difference(policy, from: baseline, metric: name) else { return "–" }
                    let sign = difference.mean > 0 && fixed(difference.mean, 1) != "0.0" ? "+" : ""
                    return sign + format(difference, metric: name) + " (\(difference.verdict))"
                }
                guard cells.contains(where: { $0 != "–" }) else { continue }
                out += "| \(name) | " + cells.joined(separator: " | ") + " |\n"
            }
            out += "\nEach policy minus \(baseline.rawValue), replication by replication: an interval that holds zero "
                + "cannot tell the two apart on this many replications.\n"
        }
        return out
    }

    /// The metric a sweep compares for a policy: covers, reservation covers for the ceilings.
    public static func sweepMetric(_ policy: SeatingPolicy) -> String { policy.isCeiling ? "reservationCovers" : "covers" }

    /// A sweep's section (`maitre simulate --vary`, `--layouts`): each variant's covers per policy
    /// (reservation covers for the ceilings, each under that variant's rules) and its paired
    /// difference from the base, replication by replication on the same seeds.
    public static func sweepMarkdown(base: SimulationSummary, variants: [(name: String, summary: SimulationSummary)],
                                     replications: Int) -> String {
        let policies = base.policies
        var out = "\n### Variants against the base, paired on the same demand\n\n"
        out += "| variant | " + policies.map { "\($0.rawValue) \(sweepMetric($0) == "covers" ? "covers" : "reservation covers")" }
            .joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: policies.count) + "\n"
        out += "| base | " + policies.map { policy in
            base.estimates[policy]?[sweepMetric(policy)].map { format($0, metric: "covers") } ?? "–"
        }.joined(separator: " | ") + " |\n"
        for variant in variants {
            out += "| \(variant.name.replacingOccurrences(of: "|", with: "\\|")) | " + policies.map { policy -> String in
                let metric = sweepMetric(policy)
                guard let estimate = variant.summary.estimates[policy]?[metric] else { return "–" }
                var cell = format(estimate, metric: "covers")
                if replications > 1, let difference = variant.summary.difference(policy, fromBase: base, metric: metric) {
                    let sign = difference.mean > 0 && fixed(difference.mean, 1) != "0.0" ? "+" : ""
                    cell += " (\(sign)\(format(difference, metric: "covers")), \(difference.verdict))"
                }
                return cell
            }.joined(separator: " | ") + " |\n"
        }
        out += "\nIn brackets: the variant minus the base, replication by replication; the ceilings (`offline`, "
            + "`offline-free`) are each variant's own, under its rules.\n"
        return out
    }

    /// The sweep as JSON: `[{"variant": ..., "policies": {policy: {"metric": ..., "mean", "ci95", "difference": {...}}}}]`.
    public static func sweepJSON(base: SimulationSummary, variants: [(name: String, summary: SimulationSummary)]) -> JSONValue {
        func estimate(_ value: Estimate) -> [JSONMember] {
            [JSONMember("mean", .number(fixed(value.mean, 4))), JSONMember("ci95", .number(fixed(value.ci95, 4)))]
        }
        return .array(variants.map { variant in
            .object([
                JSONMember("variant", .string(variant.name)),
                JSONMember("policies", .object(base.policies.compactMap { policy -> JSONMember? in
                    let metric = sweepMetric(policy)
                    guard let value = variant.summary.estimates[policy]?[metric] else { return nil }
                    var fields = [JSONMember("metric", .string(metric))] + estimate(value)
                    if let difference = variant.summary.difference(policy, fromBase: base, metric: metric) {
                        fields.append(JSONMember("difference", .object(estimate(difference) + [JSONMember("verdict", .string(difference.verdict))])))
                    }
                    return JSONMember(policy.rawValue, .object(fields))
                })),
            ])
        })
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

    public static func json(_ summary: SimulationSummary, scenario: String, seed: UInt64, replications: Int,
                            baseline: SeatingPolicy? = nil) -> JSONValue {
        func estimate(_ value: Estimate) -> JSONValue {
            .object([JSONMember("mean", .number(fixed(value.mean, 4))), JSONMember("ci95", .number(fixed(value.ci95, 4)))])
        }
        var members = [
            JSONMember("scenario", .string(scenario)), JSONMember("seed", .number(String(seed))),
            JSONMember("replications", .int(replications)),
            JSONMember("policies", .object(summary.policies.map { policy in
                JSONMember(policy.rawValue, .object(summary.metricNames.compactMap { name in
                    summary.estimates[policy]?[name].map { JSONMember(name, estimate($0)) }
                }))
            })),
        ]
        let rungs = ladder(summary)
        if !rungs.isEmpty {
            // The ladder: `[{"policy": ..., "reservationCovers": {mean, ci95}, "step": ..., "difference": {mean, ci95}}]`, top down.
            members.append(JSONMember("ladder", .array(rungs.map { rung in
                var fields = [JSONMember("policy", .string(rung.policy.rawValue))]
                if let covers = summary.estimates[rung.policy]?["reservationCovers"] { fields.append(JSONMember("reservationCovers", estimate(covers))) }
                if let step = rung.step { fields.append(JSONMember("step", .string(step))) }
                if let difference = rung.difference { fields.append(JSONMember("difference", estimate(difference))) }
                return .object(fields)
            })))
        }
        if let baseline {
            // Paired differences from the baseline: `{"baseline": ..., "policies": {policy: {metric: {mean, ci95, verdict}}}}`.
            members.append(JSONMember("differences", .object([
                JSONMember("baseline", .string(baseline.rawValue)),
                JSONMember("policies", .object(comparedWith(baseline, summary).map { policy in
                    JSONMember(policy.rawValue, .object(paired.compactMap { name in
                        summary.difference(policy, from: baseline, metric: name).map { difference in
                            JSONMember(name, .object([
                                JSONMember("mean", .number(fixed(difference.mean, 4))),
                                JSONMember("ci95", .number(fixed(difference.ci95, 4))),
                                JSONMember("verdict", .string(difference.verdict)),
                            ]))
                        }
                    }))
                })),
            ])))
        }
        return .object(members)
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
