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
        let outcome = try MILPSolver().solve(Self.triangle(), options: SolveOptions()) { relaxed, _ in
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
            let outcome = try MILPSolver().solve(Self.triangle(), options: SolveOptions()) { _, _ in .branch(incumbent: incumbent) }
            #expect(outcome.solution?.status == .optimal)
            #expect(outcome.solution?.objective == 1)
            #expect(outcome.relaxation?.objective == 1.5)
        }
    }

    @Test func aNodeHeuristicsSolutionIsUsedOnlyWhenFeasible() throws {
        // Offering the infeasible all-ones at every node changes nothing; offering {y} makes it
        // the incumbent, and no node can beat it.
        var calls = 0
        let ignored = try MILPSolver().solve(Self.triangle(), options: SolveOptions()) { _, _ in .branch(incumbent: nil) } atNode: { node in
            calls += 1
            #expect(node.values.count == 3)
            return [1, 1, 1]
        }
        #expect(calls > 0)
        #expect(ignored.solution?.objective == 1)
        let offered = try MILPSolver().solve(Self.triangle(), options: SolveOptions()) { _, _ in .branch(incumbent: nil) } atNode: { _ in [0, 1, 0] }
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
            let outcome = try MILPSolver().solve(model, options: SolveOptions(guideObjective: guide)) { relaxed, _ in
                #expect(relaxed.guided == vertex)
                #expect(relaxed.objective == 1)
                return .stop
            }
            #expect(outcome.relaxation?.guided == vertex)
        }
    }

    @Test func aProbeDivesUnderTheGuideAndBranchAndBoundStartsFromTheRootAgain() throws {
        // max 2x + y, x + y <= 1, binary; a guide preferring y. Raising y's lower bound to 1 gives
        // the vertex (0, 1) under the guide; raising x's too leaves no feasible point; from the root
        // again, x alone raised gives (1, 0). Afterwards
        // branch-and-bound must see the model's bounds and objective: optimum 2 at (1, 0), which
        // it would miss with y still at 1 (optimum 1) or with the guide still in place.
        var model = LinearModel(sense: .maximize)
        let x = model.addVariable(name: "x", kind: .binary, objective: 2)
        let y = model.addVariable(name: "y", kind: .binary, objective: 1)
        model.addRow(name: "one", [(x, 1), (y, 1)], upper: 1)
        var dives: [[Double]?] = []
        let outcome = try MILPSolver().solve(model, options: SolveOptions(guideObjective: [1, 2])) { relaxed, probe in
            #expect(relaxed.objective == 2)
            dives.append(probe.raise([(column: y.index, lower: 1)]))
            dives.append(probe.raise([(column: x.index, lower: 1)]))
            probe.resetAll()
            dives.append(probe.raise([(column: x.index, lower: 1)]))
            return .branch(incumbent: nil)
        }
        #expect(dives == [[0, 1], nil, [1, 0]])
        #expect(outcome.relaxation?.objective == 2)
        #expect(outcome.solution?.status == .optimal)
        #expect(outcome.solution?.values == [1, 0])
        #expect(outcome.solution?.objective == 2)
    }

    @Test func aProbeNeverLowersABoundOrPassesAnUpperOne() throws {
        // 0 <= n <= 3 integer, max n - 2m, n <= m + 0.5 continuous m >= 1: raising n to 5 fixes it
        // at 3; asking 0 afterwards changes nothing.
        var model = LinearModel(sense: .maximize)
        let n = model.addVariable(name: "n", kind: .integer, lower: 0, upper: 3, objective: 1)
        let m = model.addVariable(name: "m", kind: .continuous, lower: 1, upper: nil, objective: -2)
        model.addRow(name: "link", [(n, 1), (m, -1)], upper: 0.5)
        _ = try MILPSolver().solve(model, options: SolveOptions()) { _, probe in
            #expect(probe.raise([(column: n.index, lower: 5)]) == [3, 2.5])
            #expect(probe.raise([(column: n.index, lower: 0)]) == [3, 2.5])
            return .stop
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
