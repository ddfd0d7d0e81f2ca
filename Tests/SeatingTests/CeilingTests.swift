@testable import Seating
import Testing

/// The analysts' ceiling under the floor's rules (`OfflineOptimum.Rules.floor`): never beaten by
/// an online policy, never above the rule-free ceiling, exact on tiny instances, and every plan it
/// returns obeys the rules an online booking obeys.
@Suite struct CeilingTests {
    static let friday = ServiceDate("2026-11-20")!
    /// A cap no test reaches: answers that must be exact cannot depend on the machine's speed.
    static let unhurried = 600_000

    /// A random small floor with the rules the ceiling must keep: a combination, a walk-in-only
    /// table, pacing, a count hold, a table hold, a service's online party limit and end.
    static func floor(_ rng: inout SeededRandom) -> Floor {
        let count = Int.random(in: 3...6, using: &rng)
        var tables = (0..<count).map { Table(id: "T\($0)", max: [2, 2, 4, 4, 6].randomElement(using: &rng)!) }
        if Bool.random(using: &rng) { tables.append(Table(id: "BAR", max: 2, reservable: false)) }
        let combinations = [Combination(id: "T0+T1", tables: ["T0", "T1"], min: 3, max: tables[0].max + tables[1].max)]
        let pacing = Bool.random(using: &rng)
            ? Pacing(intervalMinutes: [15, 30].randomElement(using: &rng)!, maxCovers: Int.random(in: 4...10, using: &rng),
                     maxParties: Bool.random(using: &rng) ? Int.random(in: 1...3, using: &rng) : nil) : nil
        let service = Service(name: "dinner", first: 18 * 60, last: 21 * 60, end: Bool.random(using: &rng) ? 22 * 60 + 30 : nil,
                              maxParty: Int.random(in: 4...8, using: &rng), pacing: pacing)
        var holds: [Hold] = []
        if Bool.random(using: &rng) {
            holds.append(Hold(name: "twos", kind: .count(Int.random(in: 1...2, using: &rng), area: nil, minCapacity: nil, maxCapacity: 2),
                              from: 19 * 60, to: 20 * 60 + 30))
        }
        if Bool.random(using: &rng) {
            holds.append(Hold(name: "window", kind: .tables(["T\(count - 1)"]), from: 18 * 60 + 30, to: 19 * 60 + 30))
        }
        return try! Floor(Layout(restaurant: "r", bufferMinutes: [0, 10].randomElement(using: &rng)!, tables: tables,
                                 combinations: combinations,
                                 turnTimes: TurnTimes(bands: [.init(maxParty: 2, minutes: 60), .init(minutes: 90)]),
                                 services: [service], holds: holds))
    }

    static func scenario(_ rng: inout SeededRandom, count: Int) -> Scenario {
        Scenario(name: "random", date: friday, reservations: Scenario.Reservations(
            source: .generated(Scenario.GeneratedReservations(
                count: count, hourWeights: [(18, 2), (19, 4), (20, 3), (21, 1)], partyMix: [(1, 1), (2, 5), (3, 1), (4, 3), (5, 1), (6, 1)],
                leadMinutes: 30...3_000, flexibility: [0, 15, 30, 60].randomElement(using: &rng)!)),
            cancellationRate: 0.05, noShowRate: 0.05),
                 walkIns: Bool.random(using: &rng) ? Scenario.WalkIns(rates: [(19, 2, 2), (20, 2, 2)], patience: 15) : nil,
                 dining: Bool.random(using: &rng) ? .turnTime : .lognormal(mean: [.init(maxParty: 2, value: 60), .init(value: 85)], sigma: 0.2))
    }

    @Test func noOnlinePolicyBeatsTheCeilingAndTheRulesNeverRaiseIt() {
        var rng = SeededRandom(seed: 31)
        var gapSeen = 0
        for instance in 0..<30 {
            let floor = Self.floor(&rng)
            let scenario = Self.scenario(&rng, count: Int.random(in: 12...30, using: &rng))
            for replication in 0..<2 {
                let demand = Demand.draw(scenario: scenario, floor: floor, seed: UInt64(instance * 10 + replication))
                let runs = Simulation.runAll(scenario: scenario, floor: floor, demand: demand, policies: SeatingPolicy.allCases)
                let ceiling = runs[.offline]!, free = runs[.offlineFree]!
                for policy in SeatingPolicy.allCases where !policy.isCeiling {
                    #expect(runs[policy]!.reservationCovers <= ceiling.reservationCovers,
                            "instance \(instance).\(replication): \(policy) \(runs[policy]!.reservationCovers) > ceiling \(ceiling.reservationCovers)")
                }
                #expect(ceiling.reservationCovers <= free.reservationCovers, "instance \(instance).\(replication): the rules raised the ceiling")
                #expect(ceiling.reservationCovers <= ceiling.coversBound ?? -1 && free.reservationCovers <= free.coversBound ?? -1)
                if free.reservationCovers > ceiling.reservationCovers { gapSeen += 1 }
            }
        }
        #expect(gapSeen > 0, "some floor's rules cost covers: the two ceilings are not the same model")
    }

    /// Every request: unseated, or one of its times on a unit, kept when the rules' own check
    /// (`OfflineOptimum.verify`: `UnitRules` with every hold, `SlotEvaluator.admissionRules`) passes.
    static func bruteForce(floor: Floor, requests: [OfflineOptimum.Request], rules: OfflineOptimum.Rules) -> Int {
        let empty = DayState(floor: floor, date: friday, bookings: [])
        var best = 0
        var seats: [OfflineOptimum.Seat?] = []
        func go(_ index: Int, _ covers: Int) {
            guard OfflineOptimum.verify(floor: floor, day: empty, requests: Array(requests.prefix(index)), seats: seats, rules: rules) else { return }
            if index == requests.count { best = max(best, covers); return }
            seats.append(nil)
            go(index + 1, covers)
            seats.removeLast()
            for time in requests[index].times {
                for unit in floor.units.indices where floor.units[unit].fits(requests[index].party) {
                    seats.append(OfflineOptimum.Seat(unit: unit, start: time))
                    go(index + 1, covers + requests[index].party)
                    seats.removeLast()
                }
            }
        }
        go(0, 0)
        return best
    }

    @Test func matchesBruteForceOnTinyInstances() {
        var rng = SeededRandom(seed: 5)
        for instance in 0..<40 {
            let floor = Self.floor(&rng)
            let requests = (0..<Int.random(in: 3...5, using: &rng)).map { index in
                let time = 18 * 60 + 30 * Int.random(in: 0...5, using: &rng)
                let times = [time, time - 15, time + 15].filter { (18 * 60...21 * 60).contains($0) }
                return OfflineOptimum.Request(id: "r\(index)", time: time, party: Int.random(in: 1...6, using: &rng),
                                              duration: 30 * Int.random(in: 2...3, using: &rng),
                                              times: Array(times.prefix(Int.random(in: 1...3, using: &rng))))
            }
            for rules in [OfflineOptimum.Rules.floor, .physics] {
                let result = OfflineOptimum.solve(floor: floor, date: Self.friday, requests: requests, rules: rules,
                                                  timeLimitMilliseconds: Self.unhurried)
                #expect(result.covers == Self.bruteForce(floor: floor, requests: requests, rules: rules), "instance \(instance), \(rules)")
                let seats = requests.map { request in
                    result.seated[request.id].map { OfflineOptimum.Seat(unit: floor.unit(forTables: $0)!, start: result.starts[request.id]!) }
                }
                #expect(OfflineOptimum.verify(floor: floor, day: DayState(floor: floor, date: Self.friday, bookings: []), requests: requests,
                                              seats: seats, rules: rules), "instance \(instance), \(rules): the plan breaks a rule")
            }
        }
    }

    @Test func pacingAndHoldsAreRowsOfTheProgram() {
        // Four two-tops, pacing of 4 covers a quarter hour, two of the four kept free of reservations
        // 19:00-20:00: six couples wanting 19:00 for two hours, each accepting 18:45-19:15, all
        // overlap the hold, so two couples at most, whatever their times.
        let floor = try! Floor(Layout(restaurant: "r", tables: (1...4).map { Table(id: "T\($0)", max: 2) },
                                      turnTimes: TurnTimes(bands: [.init(minutes: 120)]),
                                      services: [Service(name: "d", first: 18 * 60, last: 21 * 60,
                                                         pacing: Pacing(intervalMinutes: 15, maxCovers: 4))],
                                      holds: [Hold(name: "door", kind: .count(2, area: nil, minCapacity: nil, maxCapacity: nil),
                                                   from: 19 * 60, to: 20 * 60)]))
        let requests = (0..<6).map {
            OfflineOptimum.Request(id: "c\($0)", time: 19 * 60, party: 2, duration: 120, times: [19 * 60, 18 * 60 + 45, 19 * 60 + 15])
        }
        let ruled = OfflineOptimum.solve(floor: floor, date: Self.friday, requests: requests, rules: .floor, timeLimitMilliseconds: Self.unhurried)
        // Two tables may be taken by reservations while the hold runs: two couples, whatever their times.
        #expect(ruled.covers == 4 && ruled.coversBound == 4)
        let free = OfflineOptimum.solve(floor: floor, date: Self.friday, requests: requests, rules: .physics, timeLimitMilliseconds: Self.unhurried)
        #expect(free.covers == 8, "four tables, no rules: four couples")
        let model = OfflineOptimum.model(floor: floor, date: Self.friday, requests: requests, rules: .floor)
        #expect(model.rows.contains { $0.name.hasPrefix("hold0_") } && model.rows.contains { $0.name.hasPrefix("pace") })
    }
}
