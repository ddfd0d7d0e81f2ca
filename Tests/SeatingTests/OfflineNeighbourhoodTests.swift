import MILP
@testable import Seating
import Testing

/// `OfflineNeighbourhood` on random dense floors against the program's proven optimum: a plan it
/// returns packs, passes the table-by-table check, keeps every choice the neighbourhood fixes and
/// seats more than the plan it started from; and when the optimum lies in the neighbourhood, it
/// finds the optimum's covers.
@Suite struct OfflineNeighbourhoodTests {
    @Test(arguments: 1...40) func findsTheBestPlanOfTheNeighbourhoodAndKeepsItsFixedChoices(seed: UInt64) throws {
        let dinner = DenseDinner(seed: seed, tables: 6...9, combinations: 2...5, requests: 20...35, parties: 1...12)
        let program = dinner.program
        let uncapped = SolveOptions(timeLimitMilliseconds: 600_000)
        let optimum = try MILPSolver().solve(program.linear, options: uncapped)
        try #require(optimum.status == .optimal, "seed \(seed)")
        let best = try #require(OfflinePacking(program: program, counts: program.counts(optimum)))
        let relaxed = try MILPSolver().solve(program.linear.relaxation(), options: uncapped).values
        // The optimum less one seated request (the first type seated, on its first choice used).
        var counts = best.counts
        guard let type = counts.indices.first(where: { counts[$0].contains { $0 > 0 } }) else { return }
        let choice = counts[type].firstIndex { $0 > 0 }!
        counts[type][choice] -= 1
        let plan = try #require(OfflinePacking(program: program, counts: counts))
        // The choices the neighbourhood fixes: where the plan and the relaxation agree.
        var fixed: [(type: Int, choice: Int)] = []
        for (t, row) in program.choices.enumerated() {
            for (c, entry) in row.enumerated()
            where OfflineNeighbourhood.fixes(program, entry.variable) && OfflinePacking.split(relaxed[entry.variable.index]) == (counts[t][c], 0) {
                fixed.append((t, c))
            }
        }
        let optimumInside = fixed.allSatisfy { best.counts[$0.type][$0.choice] == counts[$0.type][$0.choice] }
        let found = OfflineNeighbourhood.search(program: program, plan: plan, relaxed: relaxed, milliseconds: 600_000)
        if optimumInside {
            let found = try #require(found, "seed \(seed): the optimum is in the neighbourhood but nothing was found")
            #expect(found.covers == best.covers, "seed \(seed)")
        }
        guard let found else { return }
        #expect(found.covers > plan.covers && found.covers <= best.covers, "seed \(seed)")
        for (t, c) in fixed { #expect(found.counts[t][c] == counts[t][c], "seed \(seed): fixed choice \(t)/\(c) changed") }
        #expect(dinner.verifies(found.counts), "seed \(seed)")
    }
}
