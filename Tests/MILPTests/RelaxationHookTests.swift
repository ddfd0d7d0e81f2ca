import MILP
import Testing

/// `MILPSolver.solve(_:options:afterRelaxation:atNode:)`: the caller sees the root relaxation
/// once, may stop there or branch from it with an incumbent, and may offer solutions at nodes.
@Suite struct RelaxationHookTests {
    /// max x + y + z, pairwise x + y <= 1, y + z <= 1, x + z <= 1, binary: the relaxation is 1.5
    /// (every variable 0.5), any integer optimum 1 (one variable).
    static func triangle() -> LinearModel {
        var model = LinearModel(sense: .maximize)
        let x = model.addVariable(name: "x", kind: .binary, objective: 1)
        let y = model.addVariable(name: "y", kind: .binary, objective: 1)
        let z = model.addVariable(name: "z", kind: .binary, objective: 1)
        model.addRow(name: "xy", [(x, 1), (y, 1)], upper: 1)
        model.addRow(name: "yz", [(y, 1), (z, 1)], upper: 1)
        model.addRow(name: "xz", [(x, 1), (z, 1)], upper: 1)
        return model
    }

    @Test func theCallerSeesTheRelaxationOnceAndMayStopThere() throws {
        var seen: [Double] = []
        let outcome = try MILPSolver().solve(Self.triangle(), options: SolveOptions()) { relaxed in
            seen.append(relaxed.objective ?? .nan)
            #expect(relaxed.values.allSatisfy { abs($0 - 0.5) < 1e-9 })
            return .stop
        }
        #expect(seen == [1.5])
        #expect(outcome.relaxation?.objective == 1.5)
        #expect(outcome.solution == nil, "stopped: no branch-and-bound")
    }

    @Test func branchingFromTheRelaxationFindsTheOptimumWithOrWithoutAnIncumbent() throws {
        for incumbent in [nil, [0.0, 0, 1], [1.0, 1, 1]] {   // none, feasible, infeasible (ignored)
            let outcome = try MILPSolver().solve(Self.triangle(), options: SolveOptions()) { _ in .branch(incumbent: incumbent) }
            #expect(outcome.solution?.status == .optimal)
            #expect(outcome.solution?.objective == 1)
            #expect(outcome.relaxation?.objective == 1.5)
        }
    }

    @Test func aNodeHeuristicsSolutionIsUsedOnlyWhenFeasible() throws {
        // Offering the infeasible all-ones at every node changes nothing; offering {y} makes it
        // the incumbent, and no node can beat it.
        var calls = 0
        let ignored = try MILPSolver().solve(Self.triangle(), options: SolveOptions()) { _ in .branch(incumbent: nil) } atNode: { node in
            calls += 1
            #expect(node.values.count == 3)
            return [1, 1, 1]
        }
        #expect(calls > 0)
        #expect(ignored.solution?.objective == 1)
        let offered = try MILPSolver().solve(Self.triangle(), options: SolveOptions()) { _ in .branch(incumbent: nil) } atNode: { _ in [0, 1, 0] }
        #expect(offered.solution?.objective == 1)
        #expect(offered.solution?.values.map { $0.rounded() } == [0, 1, 0])
    }

    @Test func aGuideObjectiveChoosesAmongTheRelaxationsOptima() throws {
        // max x + y, x + y <= 1, x, y in 0...1 integer: every point of the segment is a relaxed
        // optimum. A guide that prefers y picks the vertex (0, 1); the relaxation's objective is
        // the model's own (1), re-optimised from there.
        var model = LinearModel(sense: .maximize)
        let x = model.addVariable(name: "x", kind: .integer, lower: 0, upper: 1, objective: 1)
        let y = model.addVariable(name: "y", kind: .integer, lower: 0, upper: 1, objective: 1)
        model.addRow(name: "one", [(x, 1), (y, 1)], upper: 1)
        for (guide, vertex) in [([1.0, 2.0], [0.0, 1.0]), ([2.0, 1.0], [1.0, 0.0])] {
            let outcome = try MILPSolver().solve(model, options: SolveOptions(guideObjective: guide)) { relaxed in
                #expect(relaxed.guided == vertex)
                #expect(relaxed.objective == 1)
                return .stop
            }
            #expect(outcome.relaxation?.guided == vertex)
        }
    }

    @Test func cutsAndBranchingRulesKeepTheOptimum() throws {
        for branching in [SolveOptions.Branching.driebeckTomlin, .mostFractional, .pseudocost] {
            for cuts in [SolveOptions.Cuts(), .gomory, [.gomory, .mixedIntegerRounding, .cover, .clique]] {
                let options = SolveOptions(cuts: cuts, branching: branching)
                #expect(try MILPSolver().solve(MILPSolverTests.knapsack(), options: options).objective == 9)
                #expect(try MILPSolver().solve(Self.triangle(), options: options).objective == 1)
            }
        }
    }
}
