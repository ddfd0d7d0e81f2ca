import Seating
import Testing

@Suite struct FloorTests {
    let floor = TestFloors.floor()

    @Test func unitsAreTablesThenCombinations() {
        #expect(floor.units.map(\.id) == ["A", "B", "C", "D", "X", "A+B"])
        #expect(floor.units[5].members == [0, 1])
        #expect(floor.units[5].isCombination)
        #expect(floor.units[5].tags == ["window"])
        #expect(!floor.units[4].reservable)
    }

    @Test func candidatesInStaticRankOrder() {
        // Party of 2: two-tops (waste 0, grouped), then the four-top (waste 2); combination and
        // booth do not fit a party of 2 (their min is 3).
        let groups = floor.candidates(for: 2).map { $0.units.map { floor.units[$0].id } }
        #expect(groups == [["A", "B", "X"], ["C"]])
        // Party of 4: single C (waste 0), single D (waste 2), then combination A+B (waste 0).
        #expect(floor.candidates(for: 4).map { $0.units.map { floor.units[$0].id } } == [["C"], ["D"], ["A+B"]])
        #expect(floor.candidates(for: 7).isEmpty)
    }

    @Test func gridUnionsServicesAndRunsPastMidnight() {
        let saturday = floor.grid(on: .sat).map(\.time)
        #expect(saturday.first == 18.h)
        #expect(saturday.last == 24.h + 30)
        #expect(saturday.contains(23.h) && saturday.contains(22.h))
        #expect(floor.grid(on: .mon).isEmpty)
        #expect(floor.gridSlot(on: .sat, at: 19.h + 7) == nil)
    }

    @Test func unitForTablesMatchesExactSets() {
        #expect(floor.unit(forTables: ["B", "A"]) == 5)
        #expect(floor.unit(forTables: ["A"]) == 0)
        #expect(floor.unit(forTables: ["A", "C"]) == nil)
        #expect(floor.unit(forTables: ["A", "A"]) == nil)
        #expect(floor.unit(forTables: ["nope"]) == nil)
    }
}
