/// Replays one replication's demand against a floor under one policy, minute by minute, calling
/// the engine's own functions (availability, greedy, re-assignment, repack, seat, finish,
/// no-show, walk-in): requests arrive in `requestedAt` order interleaved with the evening, guests
/// take the nearest offered time within their flexibility, cancellations and no-shows happen,
/// seated parties keep their tables until they actually leave (an overrun extends their stay,
/// and a booked party whose tables are still taken is seated elsewhere or waits).
///
/// Invariants: pure and deterministic for a given demand: the `engine` policies run the service's
/// re-assignment (one move, then the chain search with its node budget: `limits`) and the repack's
/// local search, but not the integer programs behind them, whose wall-clock caps would make a run
/// depend on the machine; no two parties ever share a table-minute.
public enum Simulation {
    /// The `engine` policies' re-assignment: the service's one-move and chain searches, without
    /// its integer program (a wall-clock cap) and without its complete search (deterministic, but
    /// on a packed evening it spends its whole budget on nearly every refused time and seats
    /// almost no one more: 1 of 1,261 on four packed-Saturday replications, for 2.3 times the run).
    public static let limits = Reshuffle.Limits(timeLimitMilliseconds: 0, searchBudget: 1_000, exactBudget: 0)
    /// The repack after each booking (`engine+repack`): local search only.
    public static let repackMilliseconds = 0

    /// One policy's evening. With a `clock`, each seating decision is also timed
    /// (`ReplicationMetrics.decisionMilliseconds`); nothing else depends on it.
    public static func run(scenario: Scenario, floor: Floor, demand: Demand, policy: SeatingPolicy,
                           clock: DecisionClock? = nil) -> ReplicationMetrics {
        if policy == .offline { return offline(scenario: scenario, floor: floor, demand: demand, clock: clock) }
        var run = DayRun(scenario: scenario, floor: floor, demand: demand, policy: policy, clock: clock)
        run.play()
        return run.metrics
    }

    /// The ceiling's branch-and-bound stops after this many nodes when it has not proven the optimum
    /// by then: a cap on work, not on time, so the same scenario and seed give the same ceiling on any
    /// machine (every fixture evening is proven before it; without the dives the packed Saturday's
    /// hardest needed 609 nodes and 27 s and was still not proven).
    static let ceilingNodeLimit = 100
    /// A safety net only: a machine that needs this long for `ceilingNodeLimit` nodes gets a ceiling
    /// that depends on its speed.
    static let ceilingTimeLimitMilliseconds = 20_000

    /// The ceiling: the most covers any assignment could seat for the reservation requests that
    /// were not cancelled and showed up, each at the time it wanted, for as long as it dined.
    static func offline(scenario: Scenario, floor: Floor, demand: Demand, clock: DecisionClock?) -> ReplicationMetrics {
        var metrics = ReplicationMetrics()
        let coming = demand.reservations.filter { $0.cancelShare == nil && !$0.noShow }
        metrics.requests = coming.count
        metrics.arriving = coming.count
        let requests = coming.map { OfflineOptimum.Request(id: $0.id, time: $0.time, party: $0.party, duration: $0.dining) }
        let (result, milliseconds) = DecisionClock.measure(clock) {
            OfflineOptimum.solve(floor: floor, date: scenario.date, requests: requests,
                                 timeLimitMilliseconds: ceilingTimeLimitMilliseconds, nodeLimit: ceilingNodeLimit)
        }
        metrics.decisionMilliseconds = milliseconds.map { [$0] }
        for request in coming {
            if result.seated[request.id] != nil {
                metrics.seated += 1
                metrics.covers += request.party
                metrics.reservationCovers += request.party
                let revenue = scenario.revenue(party: request.party)
                metrics.revenue += revenue
                metrics.revenueByHour[request.time / 60, default: 0] += revenue
                addPresence(&metrics, from: request.time, to: request.time + request.dining, party: request.party)
            } else {
                metrics.turnAway(party: request.party, at: request.time)
            }
        }
        return metrics
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
