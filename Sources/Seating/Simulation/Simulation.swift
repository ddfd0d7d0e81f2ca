/// Replays one replication's demand against a floor under one policy, minute by minute, calling
/// the engine's own functions (availability, greedy, re-assignment, repack, seat, finish,
/// no-show, walk-in): requests arrive in `requestedAt` order interleaved with the evening, guests
/// take the nearest offered time within their flexibility, cancellations and no-shows happen,
/// seated parties keep their tables until they actually leave (an overrun extends their stay,
/// and a booked party whose tables are still taken is seated elsewhere or waits).
///
/// Invariants: pure and deterministic for a given demand: the `engine` policies run the service's
/// re-assignment as the service does (`Reshuffle.decide` with the service's work bounds, `limits`,
/// behind `DayVerdicts`) and the repack's local search, but not the integer programs behind them,
/// whose wall-clock caps would make a run depend on the machine; no two parties ever share a
/// table-minute.
public enum Simulation {
    /// The `engine` policies' re-assignment: the service's own bounds (the request path runs no
    /// integer program unless asked to).
    public static let limits = Reshuffle.Limits()
    /// The repack after each booking (`engine+repack`): local search only.
    public static let repackMilliseconds = 0

    /// One policy's evening. With a `clock`, each seating decision is also timed
    /// (`ReplicationMetrics.decisionMilliseconds`); nothing else depends on it.
    public static func run(scenario: Scenario, floor: Floor, demand: Demand, policy: SeatingPolicy,
                           clock: DecisionClock? = nil) -> ReplicationMetrics {
        if policy.isCeiling { return runAll(scenario: scenario, floor: floor, demand: demand, policies: [policy], clock: clock)[policy]! }
        var run = DayRun(scenario: scenario, floor: floor, demand: demand, policy: policy, clock: clock)
        run.play()
        return run.metrics
    }

    /// Every policy's evening on the same demand. The rule-free ceiling starts from the ceiling
    /// under the rules when both run (any plan under the rules is one without them), so the ladder
    /// never climbs down the wrong way although both searches are capped by work.
    public static func runAll(scenario: Scenario, floor: Floor, demand: Demand, policies: [SeatingPolicy],
                              clock: DecisionClock? = nil) -> [SeatingPolicy: ReplicationMetrics] {
        var runs: [SeatingPolicy: ReplicationMetrics] = [:]
        var ruled: OfflineOptimum.Result?
        for policy in policies.sorted(by: { ($0 == .offline ? 0 : 1) < ($1 == .offline ? 0 : 1) }) {
            if policy.isCeiling {
                let (metrics, result) = ceiling(scenario: scenario, floor: floor, demand: demand, rules: policy == .offline ? .floor : .physics,
                                                clock: clock, known: ruled)
                if policy == .offline { ruled = result }
                runs[policy] = metrics
            } else {
                runs[policy] = run(scenario: scenario, floor: floor, demand: demand, policy: policy, clock: clock)
            }
        }
        return runs
    }

    /// A ceiling's branch-and-bound stops after this many nodes when it has not proven the optimum
    /// by then: a cap on work, not on time, so the same scenario and seed give the same ceiling on any
    /// machine. The quiet evenings are proven well before it; on the packed Saturday under the
    /// rules (19,000 columns, guests within 30 minutes of their time) the dives end a cover or two
    /// below the bound, and 20 nodes (about 3 s) or 100 (10 s) found nothing more
    /// (Benchmarks/RESULTS.md). `coversBound` says how far from proven a ceiling is.
    static let ceilingNodeLimit = 20
    /// A safety net only: a machine that needs this long for `ceilingNodeLimit` nodes gets a ceiling
    /// that depends on its speed.
    static let ceilingTimeLimitMilliseconds = 120_000

    /// A ceiling: the most covers any assignment could seat for the reservation requests that
    /// were not cancelled and showed up, each at a grid time within its flexibility (the times
    /// `AvailabilitySearch` would try for it), for as long as it dined, under `rules`.
    static func ceiling(scenario: Scenario, floor: Floor, demand: Demand, rules: OfflineOptimum.Rules, clock: DecisionClock?,
                        known: OfflineOptimum.Result? = nil) -> (metrics: ReplicationMetrics, result: OfflineOptimum.Result) {
        var metrics = ReplicationMetrics()
        let coming = demand.reservations.filter { $0.cancelShare == nil && !$0.noShow }
        metrics.requests = coming.count
        metrics.arriving = coming.count
        let requests = coming.map { request in
            let query = SeatingQuery(date: scenario.date, time: request.time, party: request.party, channel: .online)
            return OfflineOptimum.Request(id: request.id, time: request.time, party: request.party, duration: request.dining,
                                          times: AvailabilitySearch.candidateTimes(floor: floor, query: query, before: request.flexibility,
                                                                                   after: request.flexibility))
        }
        let (result, milliseconds) = DecisionClock.measure(clock) {
            OfflineOptimum.solve(floor: floor, date: scenario.date, requests: requests, rules: rules,
                                 timeLimitMilliseconds: ceilingTimeLimitMilliseconds, nodeLimit: ceilingNodeLimit, known: known)
        }
        metrics.decisionMilliseconds = milliseconds.map { [$0] }
        metrics.coversBound = result.coversBound
        for request in coming {
            if result.seated[request.id] != nil, let start = result.starts[request.id] {
                metrics.seated += 1
                metrics.covers += request.party
                metrics.reservationCovers += request.party
                let revenue = scenario.revenue(party: request.party)
                metrics.revenue += revenue
                metrics.revenueByHour[start / 60, default: 0] += revenue
                addPresence(&metrics, from: start, to: start + request.dining, party: request.party)
            } else {
                metrics.turnAway(party: request.party, at: request.time, reason: ReplicationMetrics.notSeated)
            }
        }
        return (metrics, result)
    }

    static func addPresence(_ metrics: inout ReplicationMetrics, from: Int, to: Int, party: Int) {
        var minute = from
        while minute < to {
            let hourEnd = (minute / 60 + 1) * 60
            let next = min(to, hourEnd)
            metrics.seatMinutesByHour[minute / 60, default: 0] += (next - minute) * party
            minute = next
        }
    }
}
