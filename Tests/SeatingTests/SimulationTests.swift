import Foundation
@testable import Seating
import Testing

/// The simulator against what theory and common sense demand.
@Suite struct SimulationTests {
    /// A paired difference, against a hand computation: covers 10, 12, 14 against 9, 12, 12 are
    /// differences 1, 0, 2: mean 1, standard deviation 1, half-width t(2) / sqrt(3) = 2.484.
    @Test func aPairedDifferenceIsComputedReplicationByReplication() throws {
        let floor = try Floor(TestFloors.layout())
        func metrics(_ covers: Int) -> ReplicationMetrics {
            var metrics = ReplicationMetrics()
            metrics.covers = covers
            return metrics
        }
        let runs: [[SeatingPolicy: ReplicationMetrics]] = zip([10, 12, 14], [9, 12, 12]).map { engine, greedy in
            [.engine: metrics(engine), .bestFit: metrics(greedy)]
        }
        let summary = SimulationSummary(floor: floor, date: Self.date, policies: [.bestFit, .engine], runs: runs)
        let difference = try #require(summary.difference(.engine, from: .bestFit, metric: "covers"))
        #expect(abs(difference.mean - 1) < 1e-9)
        #expect(abs(difference.ci95 - 4.303 / 3.0.squareRoot()) < 1e-9)
        #expect(difference.verdict == "not distinguishable")
        // Each policy's own interval is wider: the evening's luck does not cancel there.
        #expect(summary.estimates[.engine]!["covers"]!.ci95 > difference.ci95 - 1e-9)
        #expect(Estimate([3, 4, 5]).verdict == "higher" && Estimate([-3, -4, -5]).verdict == "lower")
    }

    static let date = ServiceDate("2026-11-24")!   // a Tuesday

    /// `count` identical two-tops open from 06:00 to 46:00: a long evening, so the empty start matters little.
    static func floor(tables count: Int, service: Service = Service(name: "long", first: 6 * 60, last: 46 * 60, end: 46 * 60)) -> Floor {
        try! Floor(Layout(restaurant: "r", tables: (0..<count).map { Table(id: "T\($0)", max: 2) },
                          turnTimes: TurnTimes(bands: [.init(minutes: 60)]), services: [service]))
    }

    static func walkInScenario(perHour: Double, meanMinutes: Double) -> Scenario {
        Scenario(name: "erlang", date: date,
                 walkIns: Scenario.WalkIns(rates: (6..<46).map { (hour: $0, party: 2, perHour: perHour) }, patience: 0),
                 dining: .exponential(mean: [.init(value: meanMinutes)]), walkInsSmallestFit: true)
    }

    /// Erlang's loss formula B(c, a) by its recursion.
    static func erlangB(servers: Int, load: Double) -> Double {
        var b = 1.0
        for k in 1...servers { b = load * b / (Double(k) + load * b) }
        return b
    }

    @Test func walkInsOnOneTableTypeAreLostAsErlangsFormulaSays() {
        // 5 tables, 4 parties an hour dining 60 minutes on average: offered load 4 Erlangs.
        let floor = Self.floor(tables: 5)
        let scenario = Self.walkInScenario(perHour: 4, meanMinutes: 60)
        var lost: [Double] = []
        for replication in 0..<40 {
            let demand = Demand.draw(scenario: scenario, floor: floor, seed: UInt64(1_000 + replication))
            let metrics = Simulation.run(scenario: scenario, floor: floor, demand: demand, policy: .bestFit)
            lost.append(Double(metrics.walkInsLost) / Double(max(1, metrics.requests)))
        }
        let estimate = Estimate(lost)
        let expected = Self.erlangB(servers: 5, load: 4)   // 0.199
        #expect(abs(estimate.mean - expected) <= estimate.ci95 + 0.01,
                "simulated loss \(estimate.mean) ± \(estimate.ci95), Erlang B \(expected)")
        // And it is not trivially near: a different load is told apart.
        #expect(abs(estimate.mean - Self.erlangB(servers: 5, load: 3)) > estimate.ci95)
    }

    @Test func twiceTheTablesNeverSeatFewer() {
        let scenario = Self.walkInScenario(perHour: 6, meanMinutes: 50)
        let small = Self.floor(tables: 4), large = Self.floor(tables: 8)
        for replication in 0..<30 {
            let demand = Demand.draw(scenario: scenario, floor: small, seed: UInt64(replication))
            #expect(demand == Demand.draw(scenario: scenario, floor: large, seed: UInt64(replication)), "the same parties come")
            for policy in [SeatingPolicy.firstFit, .bestFit, .engine] {
                let few = Simulation.run(scenario: scenario, floor: small, demand: demand, policy: policy)
                let many = Simulation.run(scenario: scenario, floor: large, demand: demand, policy: policy)
                #expect(many.seated >= few.seated, "replication \(replication), \(policy)")
            }
        }
    }

    @Test func theOfflineCeilingIsNeverBeatenAndEveryPolicySeesTheSameDemand() throws {
        // Reservations only, no flexibility, no pacing or holds: the ceiling's own terms.
        let floor = try Floor(Layout(
            restaurant: "r", bufferMinutes: 10,
            tables: [Table(id: "A", max: 2), Table(id: "B", max: 2), Table(id: "C", min: 2, max: 4), Table(id: "D", min: 2, max: 4),
                     Table(id: "E", min: 3, max: 6)],
            combinations: [Combination(id: "A+B", tables: ["A", "B"], min: 3, max: 4)],
            turnTimes: TurnTimes(bands: [.init(maxParty: 2, minutes: 75), .init(minutes: 100)]),
            services: [Service(name: "dinner", first: 18 * 60, last: 21 * 60, end: 23 * 60)]))
        let scenario = Scenario(name: "ceiling", date: Self.date, reservations: Scenario.Reservations(
            source: .generated(Scenario.GeneratedReservations(
                count: 40, hourWeights: [(18, 2), (19, 4), (20, 3)], partyMix: [(2, 5), (3, 1), (4, 3), (5, 1), (6, 1)],
                leadMinutes: 30...3_000, flexibility: 0)),
            cancellationRate: 0.1, noShowRate: 0.05))
        for replication in 0..<25 {
            let demand = Demand.draw(scenario: scenario, floor: floor, seed: UInt64(77 + replication))
            let ceiling = Simulation.run(scenario: scenario, floor: floor, demand: demand, policy: .offline)
            for policy in [SeatingPolicy.firstFit, .bestFit, .engine, .engineRepack] {
                let metrics = Simulation.run(scenario: scenario, floor: floor, demand: demand, policy: policy)
                #expect(metrics.requests == demand.reservations.count, "common random numbers: \(policy)")
                #expect(metrics.reservationCovers <= ceiling.reservationCovers,
                        "replication \(replication): \(policy) \(metrics.reservationCovers) > ceiling \(ceiling.reservationCovers)")
            }
        }
    }

    @Test func everyTurnAwayHasAReasonAndTheyAddUp() {
        var rng = SeededRandom(seed: 8)
        var seen: Set<String> = []
        for instance in 0..<12 {
            let floor = CeilingTests.floor(&rng)
            let scenario = CeilingTests.scenario(&rng, count: 40)
            let demand = Demand.draw(scenario: scenario, floor: floor, seed: UInt64(instance))
            for (policy, metrics) in Simulation.runAll(scenario: scenario, floor: floor, demand: demand, policies: SeatingPolicy.allCases) {
                #expect(metrics.turnedAwayByReason.values.reduce(0, +) == metrics.turnedAway, "instance \(instance), \(policy)")
                seen.formUnion(metrics.turnedAwayByReason.keys)
            }
        }
        // Packed random evenings meet the floor's rules and full tables, and the ceilings say only that they did not seat.
        #expect(seen.isSuperset(of: ["no_table", "pacing_limit", "not_seated"]), "\(seen.sorted())")
    }

    @Test func revpashCountsTheHoursTheDemandCanUse() throws {
        // Lunch 12:00-14:00 and dinner 18:00-21:00 (plus the 60-minute turn): a dinner-only scenario's
        // seat-hours are dinner's, 18:00-22:00, not 12:00-22:00.
        let floor = try Floor(Layout(restaurant: "r", tables: [Table(id: "A", max: 4)], turnTimes: TurnTimes(bands: [.init(minutes: 60)]),
                                     services: [Service(name: "lunch", first: 12 * 60, last: 14 * 60),
                                                Service(name: "dinner", first: 18 * 60, last: 21 * 60)]))
        let scenario = Scenario(name: "dinner", date: Self.date, reservations: Scenario.Reservations(
            source: .generated(Scenario.GeneratedReservations(count: 5, hourWeights: [(19, 1)], partyMix: [(2, 1)]))))
        #expect(scenario.seatHours(floor: floor) == (18 * 60, 22 * 60))
        var metrics = ReplicationMetrics()
        metrics.revenue = 400
        let summary = SimulationSummary(floor: floor, date: Self.date, policies: [.bestFit], runs: [[.bestFit: metrics]],
                                        seatHours: scenario.seatHours(floor: floor))
        #expect(summary.estimates[.bestFit]?["revpash"]?.mean == 400.0 / (4 * 4))
    }

    @Test func theSameSeedGivesTheSameEveningAndAnotherSeedAnother() {
        let floor = Self.floor(tables: 6)
        let scenario = Self.walkInScenario(perHour: 5, meanMinutes: 45)
        let one = Demand.draw(scenario: scenario, floor: floor, seed: 9), again = Demand.draw(scenario: scenario, floor: floor, seed: 9)
        #expect(one == again)
        #expect(one != Demand.draw(scenario: scenario, floor: floor, seed: 10))
        #expect(Simulation.run(scenario: scenario, floor: floor, demand: one, policy: .engine)
                == Simulation.run(scenario: scenario, floor: floor, demand: again, policy: .engine))
    }

    @Test func estimatesUseStudentsT() {
        let estimate = Estimate([1, 2, 3, 4])
        #expect(estimate.mean == 2.5)
        // sd = 1.291, n = 4, t(3) = 3.182: 3.182 * 1.291 / 2 = 2.054.
        #expect(abs(estimate.ci95 - 2.054) < 0.001)
        #expect(Estimate([5]).ci95 == 0)
    }

    @Test func aLentClockTimesEveryDecisionAndChangesNothingElse() {
        let floor = Self.floor(tables: 6)
        let scenario = Self.walkInScenario(perHour: 5, meanMinutes: 45)
        let demand = Demand.draw(scenario: scenario, floor: floor, seed: 3)
        for policy in [SeatingPolicy.firstFit, .bestFit, .engine] {
            let plain = Simulation.run(scenario: scenario, floor: floor, demand: demand, policy: policy)
            #expect(plain.decisionMilliseconds == nil, "no clock, no timings")
            // Each reading is 1 ms after the last: every decision takes exactly 1 ms.
            let timed = Simulation.run(scenario: scenario, floor: floor, demand: demand, policy: policy, clock: SteppingClock.clock())
            let times = timed.decisionMilliseconds ?? []
            #expect(times.count >= timed.requests, "\(policy): one decision per walk-in at least (retries add more)")
            #expect(times.allSatisfy { $0 == 1 }, "\(policy)")
            var untimed = timed
            untimed.decisionMilliseconds = nil
            #expect(untimed == plain, "\(policy): the clock changes no decision")
        }
    }

    @Test func solverTimeIsReportedOnlyForTimedRuns() {
        let floor = Self.floor(tables: 4)
        let scenario = Self.walkInScenario(perHour: 4, meanMinutes: 45)
        var plain: [[SeatingPolicy: ReplicationMetrics]] = [], timed = plain
        for seed in 0..<3 {
            let demand = Demand.draw(scenario: scenario, floor: floor, seed: UInt64(seed))
            plain.append([.bestFit: Simulation.run(scenario: scenario, floor: floor, demand: demand, policy: .bestFit)])
            var metrics = plain[seed][.bestFit]!
            // 20 decisions of 1...20 ms, then 1...20 plus `seed`: 95th percentiles 19, 20, 21.
            metrics.decisionMilliseconds = (1...20).map { Double($0 + seed) }
            timed.append([.bestFit: metrics])
        }
        let without = SimulationSummary(floor: floor, date: Self.date, policies: [.bestFit], runs: plain)
        #expect(!without.metricNames.contains("solverMsP95"))
        let with = SimulationSummary(floor: floor, date: Self.date, policies: [.bestFit], runs: timed)
        #expect(with.metricNames.contains("solverMsP95"))
        #expect(with.estimates[.bestFit]?["solverMsP95"]?.mean == 20)
        #expect(with.rows[.bestFit]?.map { $0["solverMsP95"] } == [19, 20, 21])
    }
}

/// A clock that moves 1 ms forward at every reading.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: UInt64 = 0

    static func clock() -> DecisionClock {
        let stepping = SteppingClock()
        return DecisionClock {
            stepping.lock.lock()
            defer { stepping.lock.unlock() }
            stepping.now += 1_000_000
            return stepping.now
        }
    }
}
