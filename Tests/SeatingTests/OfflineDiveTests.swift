import MILP
@testable import Seating
import Testing

/// `OfflineDive` on the real relaxation (GLPK through `RelaxationProbe`), on random dense floors:
/// a dive never makes the relaxation infeasible, ends integral, and its plan keeps every table's
/// capacity at every minute and stays within the relaxation's bound.
@Suite struct OfflineDiveTests {
    @Test(arguments: 1...60) func aDiveEndsIntegralFeasibleAndWithinTheBound(seed: UInt64) throws {
        let dinner = DenseDinner(seed: seed, tables: 6...10, combinations: 2...6, requests: 25...45, parties: 1...14)
        let program = dinner.program
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
        #expect(dinner.verifies(counts), "seed \(seed)")
    }
}
