import Foundation
import MILP
import Testing

@Suite struct MILPSolverTests {
    /// max 5a + 4b + 3c subject to 2a + 3b + c <= 5, binary: the optimum takes a and b (9).
    static func knapsack() -> LinearModel {
        var model = LinearModel(sense: .maximize)
        let a = model.addVariable(name: "a", kind: .binary, objective: 5)
        let b = model.addVariable(name: "b", kind: .binary, objective: 4)
        let c = model.addVariable(name: "c", kind: .binary, objective: 3)
        model.addRow(name: "weight", [(a, 2), (b, 3), (c, 1)], upper: 5)
        return model
    }

    @Test func knapsackPicksBestPair() throws {
        let solution = try MILPSolver().solve(Self.knapsack())
        #expect(solution.status == .optimal)
        #expect(solution.objective == 9)
        #expect(solution.values.map { $0.rounded() } == [1, 1, 0])
        #expect(solution.bound == 9)
    }

    @Test func integerRoundingDiffersFromRelaxation() throws {
        // max x + y, 2x + 2y <= 3, integer: LP gives 1.5, MIP gives 1.
        var model = LinearModel(sense: .maximize)
        let x = model.addVariable(name: "x", kind: .integer, lower: 0, upper: 10, objective: 1)
        let y = model.addVariable(name: "y", kind: .integer, lower: 0, upper: 10, objective: 1)
        model.addRow(name: "cap", [(x, 2), (y, 2)], upper: 3)
        #expect(try MILPSolver().solve(model).objective == 1)
        var relaxed = LinearModel(sense: .maximize)
        let rx = relaxed.addVariable(name: "x", upper: 10, objective: 1)
        let ry = relaxed.addVariable(name: "y", upper: 10, objective: 1)
        relaxed.addRow(name: "cap", [(rx, 2), (ry, 2)], upper: 3)
        #expect(try MILPSolver().solve(relaxed).objective == 1.5)
    }

    @Test func anInitialSolutionDoesNotChangeTheOptimum() throws {
        let model = Self.knapsack()
        // Start from the feasible but poor {c}.
        let solution = try MILPSolver().solve(model, options: SolveOptions(initialSolution: [0, 0, 1]))
        #expect(solution.status == .optimal)
        #expect(solution.objective == 9)
        // An infeasible start is ignored, not trusted (GLPK itself would accept it).
        #expect(!model.isFeasible([1, 1, 1]))
        #expect(model.isFeasible([1, 1, 0]))
        #expect(try MILPSolver().solve(model, options: SolveOptions(initialSolution: [1, 1, 1])).objective == 9)
    }

    @Test func fixedBinaryVariablesStayFixed() throws {
        // The knapsack with c fixed at 1 and a at 0: b and c (7), with and without the presolver.
        var model = LinearModel(sense: .maximize)
        let a = model.addVariable(name: "a", kind: .binary, objective: 5)
        let b = model.addVariable(name: "b", kind: .binary, objective: 4)
        let c = model.addVariable(name: "c", kind: .binary, objective: 3)
        model.addRow(name: "weight", [(a, 2), (b, 3), (c, 1)], upper: 5)
        #expect(try MILPSolver().solve(model).objective == 9)
        model.setBounds(c, lower: 1, upper: 1)
        model.setBounds(a, lower: 0, upper: 0)
        for presolve in [true, false] {
            let solution = try MILPSolver().solve(model, options: SolveOptions(presolve: presolve))
            #expect(solution.objective == 7)
            #expect(solution.values.map { $0.rounded() } == [0, 1, 1])
        }
        var outside = model
        outside.setBounds(b, lower: 0, upper: 2)
        #expect(throws: MILPError.self) { try MILPSolver().solve(outside) }
    }

    @Test func infeasibleIsAStatusNotAnError() throws {
        var model = LinearModel()
        let x = model.addVariable(name: "x", kind: .binary)
        model.addRow(name: "impossible", [(x, 1)], lower: 2)
        #expect(try MILPSolver().solve(model).status == .infeasible)
        #expect(try MILPSolver().solve(model, options: SolveOptions(presolve: false)).status == .infeasible)
    }

    @Test func invalidModelsAreRejectedBeforeGLPK() {
        var model = LinearModel()
        let x = model.addVariable(name: "x", lower: 3, upper: 1)
        #expect(throws: MILPError.self) { try MILPSolver().solve(model) }
        var spaced = LinearModel()
        _ = spaced.addVariable(name: "has space")
        #expect(throws: MILPError.self) { try MILPSolver().solve(spaced) }
        var nan = LinearModel()
        let y = nan.addVariable(name: "y")
        nan.addRow(name: "r", [(y, .nan)], upper: 1)
        #expect(throws: MILPError.self) { try MILPSolver().solve(nan) }
        _ = x
    }

    @Test func repeatedSolvesReleaseTheirProblems() throws {
        // 2,000 solves of a small assignment problem: the process must not grow or crash.
        for round in 0..<2_000 {
            var model = LinearModel()
            var vars: [LinearModel.Variable] = []
            for i in 0..<4 { vars.append(model.addVariable(name: "v\(i)", kind: .binary, objective: Double((i + round) % 4))) }
            model.addRow(name: "one", vars.map { ($0, 1) }, lower: 1, upper: 1)
            let solution = try MILPSolver().solve(model)
            #expect(solution.objective == 0)
        }
    }

    @Test func writesLPAndMPS() throws {
        var model = LinearModel(sense: .maximize)
        let x = model.addVariable(name: "seat_x", kind: .binary, objective: 2)
        model.addRow(name: "limit", [(x, 1)], upper: 1)
        let dir = FileManager.default.temporaryDirectory
        for format in ModelExport.Format.allCases {
            let path = dir.appendingPathComponent("milp-test-\(UUID().uuidString).\(format.rawValue)").path
            try ModelExport.write(model, format: format, to: path)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("seat_x"))
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test func aNodeLimitStopsBranchAndBoundAtTheSamePointEveryTime() throws {
        // One node: stopped at the root, no solution; unlimited: the optimum.
        let model = Self.oddCycle()
        for _ in 0..<3 {
            let capped = try MILPSolver().solve(model, options: SolveOptions(presolve: false, nodeLimit: 1))
            #expect(capped.status == .timeLimitNoSolution)
            #expect(capped.bound.map { $0 >= 3 } ?? true)
        }
        let free = try MILPSolver().solve(model, options: SolveOptions(presolve: false))
        #expect(free.status == .optimal)
        #expect(free.objective == 3)
    }

    @Test func aStopRequestEndsTheSearchAsTheTimeLimitWould() throws {
        // Asked to stop, the search ends at the root with no solution; never asked, it proves the
        // optimum.
        let model = Self.oddCycle()
        let stopped = try MILPSolver().solve(model, options: SolveOptions(presolve: false, stop: { true }))
        #expect(stopped.status == .timeLimitNoSolution)
        #expect(stopped.bound.map { $0 >= 3 } ?? true)
        let free = try MILPSolver().solve(model, options: SolveOptions(presolve: false, stop: { false }))
        #expect(free.status == .optimal)
        #expect(free.objective == 3)
    }

    /// max the sum over an odd cycle of 7 binaries with neighbours exclusive: the relaxation is 3.5
    /// (every variable 0.5), the integer optimum 3, which only branching finds.
    static func oddCycle() -> LinearModel {
        var model = LinearModel(sense: .maximize)
        let x = (0..<7).map { model.addVariable(name: "x\($0)", kind: .binary, objective: 1) }
        for i in 0..<7 { model.addRow(name: "e\(i)", [(x[i], 1), (x[(i + 1) % 7], 1)], upper: 1) }
        return model
    }
}
