/// A mean over replications with the half-width of its 95 % confidence interval (Student's t).
public struct Estimate: Sendable, Equatable {
    public var mean: Double
    public var ci95: Double

    public init(_ values: [Double]) {
        let n = Double(values.count)
        guard values.count > 0 else {
            mean = 0
            ci95 = 0
            return
        }
        let average = values.reduce(0, +) / n
        mean = average
        guard values.count > 1 else {
            ci95 = 0
            return
        }
        let variance = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (n - 1)
        ci95 = Self.t975(degreesOfFreedom: values.count - 1) * (variance / n).squareRoot()
    }

    /// The 97.5 % quantile of Student's t.
    static func t975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
                               2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        if df >= 1 && df <= table.count { return table[df - 1] }
        if df <= 60 { return 2.000 }
        if df <= 120 { return 1.980 }
        return 1.960
    }
}

/// Every policy's metrics over the replications, as the report prints them.
///
/// Metric names (each a mean and 95 % half-width): `requests`, `seated`, `turnedAway`, `covers`,
/// `revenue`, `revpash` (revenue per available seat-hour: revenue over seats times the hours the
/// scenario's demand can use, `Scenario.seatHours`), `serviceRate` (parties seated over parties that came to the door:
/// walk-ins, and reservation requests neither cancelled nor no-show), `walkInsSeated`,
/// `walkInsLost`, `meanWaitMinutes` (of seated walk-ins), `moves`, `offlineShare` (reservation
/// covers over the offline ceiling's, when it ran), `reservationCovers` (covers of reservation
/// requests: what the ceilings seat), `coversBound` (a ceiling's proven bound on them),
/// `solverMsP95` (only when the runs were timed:
/// the 95th percentile of one replication's seating decisions' milliseconds), plus `turnedAwayByParty.N`,
/// `turnedAwayByReason.R` (`ReplicationMetrics.turnedAwayByReason`),
/// `turnedAwayByHour.HH`, `seatOccupancy.HH` (guest-minutes over seat-minutes) and `revpash.HH`.
public struct SimulationSummary: Sendable {
    public let policies: [SeatingPolicy]
    /// `estimates[policy][metric]`.
    public let estimates: [SeatingPolicy: [String: Estimate]]
    /// The metric names in report order.
    public let metricNames: [String]
    /// Per policy, per replication, the scalar metrics (for `metrics.csv`).
    public let rows: [SeatingPolicy: [[String: Double]]]

    public static let scalarNames = ["requests", "seated", "turnedAway", "covers", "revenue", "revpash", "serviceRate",
                                     "walkInsSeated", "walkInsLost", "meanWaitMinutes", "moves", "solverMsP95", "offlineShare",
                                     "reservationCovers", "coversBound"]

    /// `seatHours`: the minutes whose seats count for RevPASH (`Scenario.seatHours`); the day's
    /// services from first to last when not given.
    public init(floor: Floor, date: ServiceDate, policies: [SeatingPolicy], runs: [[SeatingPolicy: ReplicationMetrics]],
                seatHours: (from: Int, to: Int)? = nil) {
        self.policies = policies
        let seats = Double(max(1, floor.layout.seats))
        let services = floor.layout.services.filter { $0.runs(on: date.weekday) }
        let open = seatHours?.from ?? services.map { floor.window(of: $0).from }.min() ?? 0
        let close = seatHours?.to ?? services.map { floor.window(of: $0).to }.max() ?? 60
        let hours = Double(max(60, close - open)) / 60
        var byHour = Set<Int>(), byParty = Set<Int>(), byReason = Set<String>()
        for run in runs {
            for metrics in run.values {
                byHour.formUnion(metrics.seatMinutesByHour.keys)
                byHour.formUnion(metrics.turnedAwayByHour.keys)
                byParty.formUnion(metrics.turnedAwayByParty.keys)
                byReason.formUnion(metrics.turnedAwayByReason.keys)
            }
        }
        let timed = runs.contains { $0.values.contains { $0.decisionMilliseconds != nil } }
        var names = Self.scalarNames.filter { timed || $0 != "solverMsP95" }
        names += byParty.sorted().map { "turnedAwayByParty.\($0)" }
        names += byReason.sorted().map { "turnedAwayByReason.\($0)" }
        names += byHour.sorted().map { "turnedAwayByHour.\(Self.hour($0))" }
        names += byHour.sorted().map { "seatOccupancy.\(Self.hour($0))" }
        names += byHour.sorted().map { "revpash.\(Self.hour($0))" }
        metricNames = names
        var estimates: [SeatingPolicy: [String: Estimate]] = [:]
        var rows: [SeatingPolicy: [[String: Double]]] = [:]
        for policy in policies {
            var values: [String: [Double]] = [:]
            var policyRows: [[String: Double]] = []
            for run in runs {
                guard let m = run[policy] else { continue }
                var row: [String: Double] = [
                    "requests": Double(m.requests), "seated": Double(m.seated), "turnedAway": Double(m.turnedAway),
                    "covers": Double(m.covers), "revenue": m.revenue, "revpash": m.revenue / (seats * hours),
                    "serviceRate": m.arriving > 0 ? Double(m.seated) / Double(m.arriving) : 1,
                    "walkInsSeated": Double(m.walkInsSeated), "walkInsLost": Double(m.walkInsLost),
                    "meanWaitMinutes": m.walkInWaits.isEmpty ? 0 : Double(m.walkInWaits.reduce(0, +)) / Double(m.walkInWaits.count),
                    "moves": Double(m.moves),
                ]
                if let times = m.decisionMilliseconds { row["solverMsP95"] = DecisionClock.percentile95(times) }
                row["reservationCovers"] = Double(m.reservationCovers)
                if let bound = m.coversBound { row["coversBound"] = Double(bound) }
                if let ceiling = run[.offline] {
                    row["offlineShare"] = ceiling.reservationCovers > 0
                        ? Double(m.reservationCovers) / Double(ceiling.reservationCovers) : 1
                }
                for party in byParty { row["turnedAwayByParty.\(party)"] = Double(m.turnedAwayByParty[party] ?? 0) }
                for reason in byReason { row["turnedAwayByReason.\(reason)"] = Double(m.turnedAwayByReason[reason] ?? 0) }
                for hour in byHour {
                    row["turnedAwayByHour.\(Self.hour(hour))"] = Double(m.turnedAwayByHour[hour] ?? 0)
                    row["seatOccupancy.\(Self.hour(hour))"] = Double(m.seatMinutesByHour[hour] ?? 0) / (seats * 60)
                    row["revpash.\(Self.hour(hour))"] = (m.revenueByHour[hour] ?? 0) / seats
                }
                for (name, value) in row { values[name, default: []].append(value) }
                policyRows.append(row)
            }
            estimates[policy] = values.mapValues(Estimate.init)
            rows[policy] = policyRows
        }
        self.estimates = estimates
        self.rows = rows
    }

    static func hour(_ hour: Int) -> String { (hour < 10 ? "0" : "") + String(hour) }

    /// `policy` minus `baseline` on `metric`, replication by replication (both saw the same
    /// demand: common random numbers), as a mean with the 95 % half-width of those paired
    /// differences: far narrower than comparing two policies' own intervals, since the evening's
    /// luck cancels out. Nil when either policy lacks the metric in some replication.
    public func difference(_ policy: SeatingPolicy, from baseline: SeatingPolicy, metric: String) -> Estimate? {
        Self.paired(rows[policy], rows[baseline], metric: metric)
    }

    /// `policy` in this summary minus `policy` in `base` on `metric`, replication by replication:
    /// a variant of the scenario against its base, both on the same seeds (`maitre simulate --vary`).
    public func difference(_ policy: SeatingPolicy, fromBase base: SimulationSummary, metric: String) -> Estimate? {
        Self.paired(rows[policy], base.rows[policy], metric: metric)
    }

    /// Mean and 95 % half-width of `mine - theirs` replication by replication; nil when either
    /// lacks the metric in some replication or the counts differ.
    static func paired(_ mine: [[String: Double]]?, _ theirs: [[String: Double]]?, metric: String) -> Estimate? {
        guard let mine, let theirs, mine.count == theirs.count, !mine.isEmpty else { return nil }
        var differences: [Double] = []
        for (row, base) in zip(mine, theirs) {
            guard let value = row[metric], let reference = base[metric] else { return nil }
            differences.append(value - reference)
        }
        return Estimate(differences)
    }
}

extension Estimate {
    /// What a paired difference says: its interval is above zero, below it, or holds zero (the
    /// policies are not distinguishable on this demand and this many replications).
    public var verdict: String {
        if mean - ci95 > 0 { return "higher" }
        if mean + ci95 < 0 { return "lower" }
        return "not distinguishable"
    }
}
