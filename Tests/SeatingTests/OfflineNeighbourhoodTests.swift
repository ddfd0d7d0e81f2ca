import MILP
@testable import Seating
import Testing

/// `OfflineNeighbourhood` on random dense floors against the program's proven optimum: a plan a
/// neighbourhood returns packs, passes the table-by-table check, keeps every choice it fixes and
/// seats more than the plan it started from; when the optimum lies in the neighbourhood, it finds
/// the optimum's covers; and both searched at once give the better of the two.
@Suite struct OfflineNeighbourhoodTests {
    @Test(arguments: 1...40) func findsTheBestPlanOfEachNeighbourhoodAndKeepsItsFixedChoices(seed: UInt64) throws {
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
        for fixing in OfflineNeighbourhood.Fixing.allCases {
            // The choices the neighbourhood fixes: where the plan and the relaxation agree.
            var fixed: [(type: Int, choice: Int)] = []
            for (t, row) in program.choices.enumerated() {
                for (c, entry) in row.enumerated()
                where fixing.fixes(program, entry.variable, count: counts[t][c])
                    && OfflinePacking.split(relaxed[entry.variable.index]) == (counts[t][c], 0) {
                    fixed.append((t, c))
                }
            }
            let optimumInside = fixed.allSatisfy { best.counts[$0.type][$0.choice] == counts[$0.type][$0.choice] }
            let found = OfflineNeighbourhood.search(program: program, plan: plan, relaxed: relaxed, fixing: fixing, milliseconds: 600_000)
            if optimumInside {
                let found = try #require(found, "seed \(seed), \(fixing): the optimum is in the neighbourhood but nothing was found")
                #expect(found.covers == best.covers, "seed \(seed), \(fixing)")
            }
            guard let found else { continue }
            #expect(found.covers > plan.covers && found.covers <= best.covers, "seed \(seed), \(fixing)")
            for (t, c) in fixed { #expect(found.counts[t][c] == counts[t][c], "seed \(seed), \(fixing): fixed choice \(t)/\(c) changed") }
            #expect(dinner.verifies(found.counts), "seed \(seed), \(fixing)")
        }
    }

    /// Both neighbourhoods at once give the better plan of the two (each searched to its optimum
    /// here). The start is the root relaxation's rounding, and the "relaxation" handed to the search
    /// is that plan itself, so that every choice agrees and each neighbourhood fixes all it may:
    /// then the general-integer one (nothing fixed on floors without classes) finds more on some
    /// seeds, which a portfolio that dropped its plan would miss.
    @Test func bothAtOnceGiveTheBetterOfTheTwo() throws {
        var differ = 0
        for seed in UInt64(1)...40 {
            let dinner = DenseDinner(seed: seed, tables: 6...9, combinations: 2...5, requests: 30...45, parties: 2...3)
            let program = dinner.program
            let root = try MILPSolver().solve(program.linear.relaxation(), options: SolveOptions(timeLimitMilliseconds: 600_000)).values
            let plan = OfflinePacking.rounding(program: program, relaxed: program.choices.map { $0.map { root[$0.variable.index] } })
            let relaxed = program.values(for: plan.counts)
            let each = OfflineNeighbourhood.Fixing.allCases.map { fixing in
                OfflineNeighbourhood.search(program: program, plan: plan, relaxed: relaxed, fixing: fixing, milliseconds: 600_000)?.covers
                    ?? plan.covers
            }
            if Set(each).count > 1 { differ += 1 }
            let both = OfflineNeighbourhood.search(program: program, plan: plan, relaxed: relaxed, bound: Int.max, milliseconds: 600_000)
            #expect((both?.covers ?? plan.covers) == each.max(), "seed \(seed): \(each)")
            if let both { #expect(dinner.verifies(both.counts), "seed \(seed)") }
        }
        #expect(differ > 0, "the two neighbourhoods found the same covers on every seed: the test cannot tell them apart")
    }
}
