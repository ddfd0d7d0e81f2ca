import MILP
import Testing

@Suite struct IntervalCapacityTests {
    /// Random weighted intervals on one resource of capacity k: the model's optimum equals the
    /// best subset found by trying all of them, where a subset is allowed when at most k of its
    /// intervals cover any instant.
    @Test func matchesBruteForceOnRandomIntervals() throws {
        var state: UInt64 = 12_345
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for instance in 0..<60 {
            let count = 3 + next(6), capacity = 1 + next(3)
            let intervals = (0..<count).map { _ -> (Int, Int, Double) in
                let start = next(10)
                return (start, start + 1 + next(5), Double(1 + next(9)))
            }
            var model = LinearModel(sense: .maximize)
            let uses = intervals.enumerated().map { index, interval in
                LinearModel.IntervalUse(variable: model.addVariable(name: "x\(index)", kind: .binary, objective: interval.2),
                                        start: interval.0, end: interval.1)
            }
            model.addIntervalCapacity(name: "res", uses: uses, capacity: Double(capacity))
            let solution = try MILPSolver().solve(model)
            var best = 0.0
            for mask in 0..<(1 << count) {
                let chosen = intervals.indices.filter { mask & (1 << $0) != 0 }
                let allowed = (0..<20).allSatisfy { t in chosen.filter { intervals[$0].0 <= t && t < intervals[$0].1 }.count <= capacity }
                if allowed { best = max(best, chosen.reduce(0) { $0 + intervals[$1].2 }) }
            }
            #expect(solution.objective == best, "instance \(instance)")
            // The plan's own use values, completed with occupancies, are a feasible start.
            let useValues = Array(solution.values.prefix(count)) + Array(repeating: 0, count: model.columns.count - count)
            #expect(model.isFeasible(model.withOccupancies(useValues)), "instance \(instance)")
        }
    }

    @Test func nothingIsAddedWhenCapacityCannotBeExceeded() {
        var model = LinearModel()
        let a = model.addVariable(name: "a", kind: .binary), b = model.addVariable(name: "b", kind: .binary)
        model.addIntervalCapacity(name: "res", uses: [.init(variable: a, start: 0, end: 10), .init(variable: b, start: 5, end: 15)], capacity: 2)
        #expect(model.rows.isEmpty)
        model.addIntervalCapacity(name: "res", uses: [.init(variable: a, start: 0, end: 10), .init(variable: b, start: 10, end: 15)], capacity: 1)
        // Back to back: b starts as a ends, so the row at 10 lets both be used.
        #expect(model.rows.map(\.name) == ["res_at_0", "res_at_10"])
        let both = model.withOccupancies([1, 1, 0, 0])
        #expect(both == [1, 1, 1, 1])
        #expect(model.isFeasible(both))
    }
}
