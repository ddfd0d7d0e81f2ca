import MILP
@testable import Seating
import Testing

/// `OfflineDive` on the real relaxation (GLPK through `RelaxationProbe`), on random dense floors:
/// a dive never makes the relaxation infeasible, ends integral, and its plan keeps every table's
/// capacity at every minute and stays within the relaxation's bound.
@Suite struct OfflineDiveTests {
    @Test(arguments: 1...60) func aDiveEndsIntegralFeasibleAndWithinTheBound(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let floor = TestFloors.dense(&rng, tables: 6...10, seats: [2, 2, 4, 4, 6, 8], combinations: 2...6, buffers: [0, 15],
                                     service: Service(name: "d", first: 17 * 60, last: 22 * 60))
        let requests = (0..<Int.random(in: 25...45, using: &rng)).map { index in
            OfflineOptimum.Request(id: "r\(index)", time: 17 * 60 + 15 * Int.random(in: 0...16, using: &rng),
                                   party: Int.random(in: 1...14, using: &rng), duration: 15 * Int.random(in: 5...10, using: &rng))
        }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        let date = ServiceDate("2026-11-20")!
        let program = OfflineProgram(classes: TableClasses(floor: floor, day: DayState(floor: floor, date: date, bookings: [])),
                                     requests: requests, buffer: floor.layout.bufferMinutes)
        var refused = 0
        var raised: [Int: Double] = [:]
        var steps = 0
        var final: [Double] = []
        var relaxationCovers = 0
        _ = try MILPSolver().solve(program.linear, options: SolveOptions(timeLimitMilliseconds: 600_000, guideObjective: program.wasteTieBreak)) { relaxed, probe in
            relaxationCovers = program.coversBound(objectiveBound: try! #require(relaxed.objective))
            final = OfflineDive.dive(program: program, from: relaxed.guided ?? relaxed.values,
                                     divisor: OfflineDive.divisors[Int(seed) % OfflineDive.divisors.count], raise: { bounds in
                for bound in bounds { raised[bound.column] = max(raised[bound.column] ?? 0, bound.lower) }
                guard let values = probe.raise(bounds) else { refused += 1; return nil }
                return values
            }, mayStep: {
                steps += 1
                return steps <= 10_000
            })
            return .stop
        }
        #expect(refused == 0, "seed \(seed): a batch left the relaxation infeasible")
        #expect(steps < 10_000, "seed \(seed): the dive did not end")
        let counts = program.choices.map { row in row.map { choice -> Int in
            let value = final[choice.variable.index]
            #expect(abs(value - value.rounded()) < 1e-6, "seed \(seed): \(value) left fractional")
            return Int(value.rounded())
        } }
        for (column, lower) in raised { #expect(final[column] >= lower - 1e-6, "seed \(seed): column \(column) below its raised bound") }
        let packing = try #require(OfflinePacking(program: program, counts: counts), "seed \(seed): the dive's plan overfills a table")
        #expect(packing.covers <= relaxationCovers)
        let units = try #require(program.units(for: counts, requestCount: requests.count))
        let items = requests.map { request in
            AssignmentModel.Item(booking: request.id, party: request.party, start: request.time,
                                 end: request.time + request.duration + floor.layout.bufferMinutes, eligible: [], current: nil)
        }
        #expect(OfflineOptimum.verify(floor: floor, day: DayState(floor: floor, date: date, bookings: []), items: items, units: units))
    }
}
