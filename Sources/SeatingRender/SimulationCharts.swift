import Seating

/// The charts of `maitre simulate --out`: seat occupancy by hour per policy, turned away by
/// party size per policy, and covers per policy against the offline ceiling (means with their
/// 95 % intervals as whiskers).
///
/// Invariant: pure; the same summary gives the same bytes.
public enum SimulationCharts {
    static let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#7f7f7f", "#d62728"]
    static let width = 640.0, height = 320.0, left = 56.0, bottom = 40.0, top = 48.0, right = 150.0

    /// The chart's frame: `title` in bold, what follows its first " · " (the scenario and the
    /// replications) on a line below it, the axis with round ticks.
    static func frame(_ title: String, yLabel: String, yMax: Double) -> String {
        let split = title.firstRange(of: " · ")
        let heading = split.map { String(title[..<$0.lowerBound]) } ?? title
        let subtitle = split.map { String(title[$0.upperBound...]) } ?? ""
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Markup.number(width))" height="\(Markup.number(height))" \
            viewBox="0 0 \(Markup.number(width)) \(Markup.number(height))" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(Markup.number(left))" y="20" font-size="14" font-weight="bold">\(Markup.escape(heading))</text>

            """
        if !subtitle.isEmpty { out += "<text x=\"\(Markup.number(left))\" y=\"36\" fill=\"#555555\">\(Markup.escape(subtitle))</text>\n" }
        let plotHeight = height - top - bottom
        for step in 0...4 {
            let value = yMax * Double(step) / 4, y = height - bottom - plotHeight * Double(step) / 4
            out += "<line x1=\"\(Markup.number(left))\" y1=\"\(Markup.number(y))\" x2=\"\(Markup.number(width - right))\" y2=\"\(Markup.number(y))\" stroke=\"#e6e6e6\"/>"
            out += "<text x=\"\(Markup.number(left - 6))\" y=\"\(Markup.number(y + 4))\" text-anchor=\"end\">\(label(value))</text>\n"
        }
        out += "<text x=\"14\" y=\"\(Markup.number(top + plotHeight / 2))\" transform=\"rotate(-90 14 \(Markup.number(top + plotHeight / 2)))\" text-anchor=\"middle\">\(Markup.escape(yLabel))</text>\n"
        return out
    }

    /// The axis' top: the smallest of 4 × (1, 2, 2.5 or 5 × a power of ten) at or above `value`,
    /// so the four ticks are round numbers (0, 50, 100, 150, 200; never 69.06).
    static func niceMax(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= value / 4 { power *= 10 }
        while power > value / 4 { power /= 10 }
        for factor in [1.0, 2, 2.5, 5, 10] where power * factor * 4 >= value { return power * factor * 4 }
        return power * 40
    }

    /// An axis value: whole numbers from 100 on, else up to two decimals.
    static func label(_ value: Double) -> String {
        value >= 100 || value == value.rounded() ? String(Int(value.rounded())) : String((value * 100).rounded() / 100)
    }

    static func legend(_ policies: [SeatingPolicy]) -> String {
        var out = ""
        for (index, policy) in policies.enumerated() {
            let y = top + 10 + Double(index) * 18
            out += "<rect x=\"\(Markup.number(width - right + 14))\" y=\"\(Markup.number(y - 9))\" width=\"12\" height=\"10\" fill=\"\(colours[index % colours.count])\"/>"
            out += "<text x=\"\(Markup.number(width - right + 32))\" y=\"\(Markup.number(y))\">\(Markup.escape(policy.rawValue))</text>\n"
        }
        return out
    }

    /// Seat occupancy (guests at table over seats) by hour, one line per policy.
    public static func occupancy(_ summary: SimulationSummary, context: String = "") -> String {
        let hours = summary.metricNames.filter { $0.hasPrefix("seatOccupancy.") }
        var out = frame("Seat occupancy by hour" + context, yLabel: "share of seats", yMax: 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ index: Int) -> Double { left + plotWidth * (hours.count > 1 ? Double(index) / Double(hours.count - 1) : 0.5) }
        for (index, name) in hours.enumerated() {
            out += "<text x=\"\(Markup.number(x(index)))\" y=\"\(Markup.number(height - bottom + 16))\" text-anchor=\"middle\">\(name.dropFirst("seatOccupancy.".count)):00</text>"
        }
        for (index, policy) in summary.policies.enumerated() {
            let points = hours.enumerated().map { hourIndex, name -> String in
                let value = min(1, summary.estimates[policy]?[name]?.mean ?? 0)
                return "\(Markup.number(x(hourIndex))),\(Markup.number(height - bottom - plotHeight * value))"
            }
            out += "<polyline class=\"series\" data-policy=\"\(policy.rawValue)\" fill=\"none\" stroke=\"\(colours[index % colours.count])\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
        }
        return out + legend(summary.policies) + "</svg>\n"
    }

    /// Parties turned away by the hour they wanted (walk-ins: arrived), a bar per policy in each group.
    public static func turnedAwayByHour(_ summary: SimulationSummary, context: String = "") -> String {
        grouped(summary, prefix: "turnedAwayByHour.", title: "Turned away by hour" + context, axis: "hour", suffix: ":00")
    }

    /// Parties turned away by party size, a bar per policy in each group.
    public static func turnedAway(_ summary: SimulationSummary, context: String = "") -> String {
        grouped(summary, prefix: "turnedAwayByParty.", title: "Turned away by party size" + context, axis: "party size", suffix: "")
    }

    /// Bars of the metrics named `prefix` + a group, a bar per policy in each group.
    static func grouped(_ summary: SimulationSummary, prefix: String, title: String, axis: String, suffix: String) -> String {
        let sizes = summary.metricNames.filter { $0.hasPrefix(prefix) }
        let values = summary.policies.flatMap { policy in sizes.map { summary.estimates[policy]?[$0]?.mean ?? 0 } }
        let yMax = niceMax(max(1, (values.max() ?? 1) * 1.05))
        var out = frame(title, yLabel: "parties", yMax: yMax)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let group = plotWidth / Double(max(1, sizes.count)), bar = group * 0.8 / Double(max(1, summary.policies.count))
        for (sizeIndex, name) in sizes.enumerated() {
            let x0 = left + group * Double(sizeIndex) + group * 0.1
            out += "<text x=\"\(Markup.number(x0 + group * 0.4))\" y=\"\(Markup.number(height - bottom + 16))\" text-anchor=\"middle\">\(name.dropFirst(prefix.count))\(suffix)</text>"
            for (index, policy) in summary.policies.enumerated() {
                let value = summary.estimates[policy]?[name]?.mean ?? 0, h = plotHeight * value / yMax
                out += "<rect class=\"bar\" data-policy=\"\(policy.rawValue)\" x=\"\(Markup.number(x0 + bar * Double(index)))\" y=\"\(Markup.number(height - bottom - h))\" width=\"\(Markup.number(bar * 0.9))\" height=\"\(Markup.number(h))\" fill=\"\(colours[index % colours.count])\"/>"
            }
            out += "\n"
        }
        out += "<text x=\"\(Markup.number(left + plotWidth / 2))\" y=\"\(Markup.number(height - 6))\" text-anchor=\"middle\">\(axis)</text>\n"
        return out + legend(summary.policies) + "</svg>\n"
    }

    /// Covers per policy with 95 % whiskers. When a ceiling ran, the bars are the online
    /// policies' reservation covers (what the ceilings seat) and each ceiling is a dashed line;
    /// otherwise every policy's covers, walk-ins included.
    public static func covers(_ summary: SimulationSummary, context: String = "") -> String {
        let ceilings = summary.policies.filter(\.isCeiling)
        let bars = ceilings.isEmpty ? summary.policies : summary.policies.filter { !$0.isCeiling }
        let metric = ceilings.isEmpty ? "covers" : "reservationCovers"
        let estimates = bars.map { summary.estimates[$0]?[metric] ?? Estimate([]) }
        let lines = ceilings.compactMap { policy in summary.estimates[policy]?["reservationCovers"].map { (policy, $0) } }
        let yMax = niceMax(max(1, ((estimates + lines.map(\.1)).map { $0.mean + $0.ci95 }.max() ?? 1) * 1.05))
        let title = ceilings.isEmpty ? "Covers by policy" : "Reservation covers against the ceilings"
        var out = frame(title + context, yLabel: ceilings.isEmpty ? "covers" : "reservation covers", yMax: yMax)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = plotWidth / Double(max(1, estimates.count))
        func y(_ value: Double) -> Double { height - bottom - plotHeight * value / yMax }
        for (index, (policy, estimate)) in zip(bars, estimates).enumerated() {
            let x0 = left + slot * Double(index) + slot * 0.2, w = slot * 0.6
            out += "<rect class=\"bar\" data-policy=\"\(policy.rawValue)\" x=\"\(Markup.number(x0))\" y=\"\(Markup.number(y(estimate.mean)))\" width=\"\(Markup.number(w))\" height=\"\(Markup.number(plotHeight * estimate.mean / yMax))\" fill=\"\(colours[index % colours.count])\"/>"
            out += "<line x1=\"\(Markup.number(x0 + w / 2))\" y1=\"\(Markup.number(y(estimate.mean - estimate.ci95)))\" x2=\"\(Markup.number(x0 + w / 2))\" y2=\"\(Markup.number(y(estimate.mean + estimate.ci95)))\" stroke=\"#222222\"/>"
            out += "<text x=\"\(Markup.number(x0 + w / 2))\" y=\"\(Markup.number(height - bottom + 16))\" text-anchor=\"middle\">\(Markup.escape(policy.rawValue))</text>\n"
        }
        for (index, (policy, ceiling)) in lines.enumerated() {
            let colour = index == 0 ? "#d62728" : "#8c564b"
            out += "<line class=\"ceiling\" data-policy=\"\(policy.rawValue)\" x1=\"\(Markup.number(left))\" y1=\"\(Markup.number(y(ceiling.mean)))\" x2=\"\(Markup.number(width - right))\" y2=\"\(Markup.number(y(ceiling.mean)))\" stroke=\"\(colour)\" stroke-dasharray=\"6 4\"/>"
            out += "<text x=\"\(Markup.number(width - right + 4))\" y=\"\(Markup.number(y(ceiling.mean) + 4 + Double(index) * 12))\" fill=\"\(colour)\">\(policy.rawValue) ceiling</text>\n"
        }
        return out + "</svg>\n"
    }

    /// A sweep: covers by variant (reservation covers for the ceilings), a bar per policy in each
    /// group, with 95 % whiskers.
    public static func variants(base: SimulationSummary, variants: [(name: String, summary: SimulationSummary)],
                                title: String) -> String {
        let groups = [("base", base)] + variants.map { ($0.name, $0.summary) }
        let policies = base.policies
        func estimate(_ summary: SimulationSummary, _ policy: SeatingPolicy) -> Estimate {
            summary.estimates[policy]?[policy.isCeiling ? "reservationCovers" : "covers"] ?? Estimate([])
        }
        let values = groups.flatMap { group in policies.map { estimate(group.1, $0) } }
        let yMax = niceMax(max(1, (values.map { $0.mean + $0.ci95 }.max() ?? 1) * 1.05))
        var out = frame(title, yLabel: "covers (ceilings: reservation covers)", yMax: yMax)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let group = plotWidth / Double(max(1, groups.count)), bar = group * 0.8 / Double(max(1, policies.count))
        func y(_ value: Double) -> Double { height - bottom - plotHeight * value / yMax }
        for (groupIndex, (name, summary)) in groups.enumerated() {
            let x0 = left + group * Double(groupIndex) + group * 0.1
            out += "<text x=\"\(Markup.number(x0 + group * 0.4))\" y=\"\(Markup.number(height - bottom + 16))\" text-anchor=\"middle\">\(Markup.escape(name.count > 28 ? "…" + name.suffix(27) : name))</text>"
            for (index, policy) in policies.enumerated() {
                let value = estimate(summary, policy), x = x0 + bar * Double(index)
                out += "<rect class=\"bar\" data-variant=\"\(Markup.escape(name))\" data-policy=\"\(policy.rawValue)\" x=\"\(Markup.number(x))\" y=\"\(Markup.number(y(value.mean)))\" width=\"\(Markup.number(bar * 0.9))\" height=\"\(Markup.number(plotHeight * value.mean / yMax))\" fill=\"\(colours[index % colours.count])\"/>"
                out += "<line x1=\"\(Markup.number(x + bar * 0.45))\" y1=\"\(Markup.number(y(value.mean - value.ci95)))\" x2=\"\(Markup.number(x + bar * 0.45))\" y2=\"\(Markup.number(y(value.mean + value.ci95)))\" stroke=\"#222222\"/>"
            }
            out += "\n"
        }
        return out + legend(policies) + "</svg>\n"
    }
}
