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

@Suite struct DayStateTests {
    let floor = TestFloors.floor(buffer: 10)

    @Test func occupancyIncludesBufferAndIsHalfOpen() {
        let day = DayState(floor: floor, date: TestFloors.saturday,
                           bookings: [TestFloors.booking("b1", ["A"], start: 18.h, duration: 60)])
        #expect(!day.isFree(table: 0, from: 19.h, to: 20.h), "buffer keeps A until 19:10")
        #expect(day.isFree(table: 0, from: 19.h + 10, to: 20.h), "touching intervals do not overlap")
        #expect(day.isFree(table: 0, from: 17.h, to: 18.h))
        #expect(day.isFree(table: 1, from: 18.h, to: 19.h))
    }

    @Test func combinationOccupiesEveryMember() {
        var day = DayState(floor: floor, date: TestFloors.saturday, bookings: [])
        day.upsert(TestFloors.booking("b1", ["A", "B"], start: 19.h, duration: 90, party: 4))
        #expect(!day.isFree(table: 0, from: 19.h, to: 20.h))
        #expect(!day.isFree(table: 1, from: 19.h, to: 20.h))
        day.upsert(TestFloors.booking("b1", ["A", "B"], start: 19.h, duration: 90, party: 4, status: .cancelled))
        #expect(day.isFree(table: 0, from: 19.h, to: 20.h), "cancelled bookings free their tables")
        #expect(day.bookings.count == 1)
    }

    @Test func neighbouringGapMeasuresFreeMinutesAround() {
        let day = DayState(floor: TestFloors.floor(), date: TestFloors.saturday, bookings: [
            TestFloors.booking("early", ["A"], start: 18.h, duration: 60),
            TestFloors.booking("late", ["A"], start: 21.h, duration: 60),
        ])
        #expect(day.neighbouringGap(table: 0, from: 19.h, to: 20.h + 30, cap: 1_000) == 30)
        #expect(day.neighbouringGap(table: 1, from: 19.h, to: 20.h, cap: 1_000) == 2_000)
    }
}

@Suite struct NaturalOrderTests {
    @Test func digitRunsCompareAsNumbers() {
        let ids = ["T10", "T9", "T1", "B2", "T1+T2", "T01", "T100", "A"]
        #expect(ids.sorted(by: NaturalOrder.less) == ["A", "B2", "T01", "T1", "T1+T2", "T9", "T10", "T100"])
        #expect(!NaturalOrder.less("T9", "T9"))
    }
}
