import CGLPK
@testable import MILP
import Testing

/// `SolveOptions.deferredColumns`: columns left out of the relaxation at first and priced in
/// give the same relaxation and the same integer optimum as the whole model.
@Suite struct ColumnPricingTests {
    /// A random packing problem: `items` items, each on at most one of `bins` bins (binary, a
    /// random profit per pair), bins of random capacity by item weight; plus one continuous column
    /// with a lower bound of 1 that must never be held at zero.
    static func packing(seed: UInt64, items: Int, bins: Int) -> LinearModel {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next(_ range: ClosedRange<Int>) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return range.lowerBound + Int(state % UInt64(range.count))
        }
        var model = LinearModel(sense: .maximize)
        let weights = (0..<items).map { _ in next(1...6) }
        var byBin: [[(LinearModel.Variable, Double)]] = Array(repeating: [], count: bins)
        for item in 0..<items {
            var row: [(LinearModel.Variable, Double)] = []
            for bin in 0..<bins {
                let x = model.addVariable(name: "x\(item)_\(bin)", kind: .binary, objective: Double(next(1...20)))
                row.append((x, 1))
                byBin[bin].append((x, Double(weights[item])))
            }
            model.addRow(name: "once\(item)", row, upper: 1)
        }
        let slack = model.addVariable(name: "s", lower: 1, upper: 3, objective: -1)
        for bin in 0..<bins {
            model.addRow(name: "cap\(bin)", byBin[bin] + [(slack, 1)], upper: Double(next(4...12)))
        }
        return model
    }

    @Test(arguments: 0..<40)
    func deferredColumnsGiveTheWholeModelsRelaxationAndOptimum(seed: Int) throws {
        let model = Self.packing(seed: UInt64(seed), items: 8, bins: 4)
        // Every column deferred but each item's first bin, and the continuous one (not held).
        let deferred = model.columns.indices.filter { $0 % 4 != 0 }
        var relaxations: [Double] = []
        var optima: [Double] = []
        for options in [SolveOptions(), SolveOptions(deferredColumns: deferred),
                        SolveOptions(guideObjective: model.columns.indices.map { model.columns[$0].objective * 100 + Double($0 % 3) },
                                     deferredColumns: deferred)] {
            let outcome = try MILPSolver().solve(model, options: options) { _, _ in .branch(incumbent: nil) }
            relaxations.append(try #require(outcome.relaxation?.objective))
            let solution = try #require(outcome.solution)
            #expect(solution.status == .optimal)
            #expect(model.isFeasible(solution.values))
            optima.append(try #require(solution.objective))
        }
        #expect(abs(relaxations[1] - relaxations[0]) < 1e-6, "seed \(seed): \(relaxations)")
        #expect(abs(relaxations[2] - relaxations[0]) < 1e-6, "seed \(seed): \(relaxations)")
        #expect(optima[1] == optima[0] && optima[2] == optima[0], "seed \(seed): \(optima)")
    }

    @Test func theOptimumMayNeedColumnsThatStartedOut() throws {
        // max 1 x + 5 y, x + y <= 1: y alone is optimal; deferring it must not lose it.
        var model = LinearModel(sense: .maximize)
        let x = model.addVariable(name: "x", kind: .binary, objective: 1)
        let y = model.addVariable(name: "y", kind: .binary, objective: 5)
        model.addRow(name: "one", [(x, 1), (y, 1)], upper: 1)
        let outcome = try MILPSolver().solve(model, options: SolveOptions(deferredColumns: [1])) { relaxed, _ in
            #expect(relaxed.objective == 5)
            return .branch(incumbent: nil)
        }
        #expect(outcome.solution?.values.map { $0.rounded() } == [0, 1])
    }

    @Test func onlyColumnsThatImproveTheOptimumAreReleased() {
        // max x + 5 y + 0 w, x + y + w <= 1, with y and w held: the restricted optimum is x = 1
        // (the row's dual 1), so y's reduced profit is 4 (released) and w's is -1 (stays held).
        var model = LinearModel(sense: .maximize)
        let x = model.addVariable(name: "x", upper: 1, objective: 1)
        let y = model.addVariable(name: "y", upper: 1, objective: 5)
        let w = model.addVariable(name: "w", upper: 1, objective: 0)
        model.addRow(name: "one", [(x, 1), (y, 1), (w, 1)], upper: 1)
        let problem = GLPKProblem(model)
        defer { problem.free() }
        _ = glp_term_out(GLP_OFF)
        var pricing = ColumnPricing(problem.pointer, columns: [y.index, w.index])
        var simplex = glp_smcp()
        glp_init_smcp(&simplex)
        _ = glp_simplex(problem.pointer, &simplex)
        #expect(glp_get_obj_val(problem.pointer) == 1)
        #expect(pricing.releaseImproving(problem.pointer) == 1)
        #expect(glp_get_col_type(problem.pointer, Int32(y.index + 1)) == GLP_DB, "y has its bounds back")
        #expect(glp_get_col_type(problem.pointer, Int32(w.index + 1)) == GLP_FX, "w is still held")
        _ = glp_simplex(problem.pointer, &simplex)
        #expect(glp_get_obj_val(problem.pointer) == 5)
        #expect(pricing.releaseImproving(problem.pointer) == 0, "nothing held improves the optimum now")
        pricing.releaseAll(problem.pointer)
        #expect(glp_get_col_type(problem.pointer, Int32(w.index + 1)) == GLP_DB)
    }
}
