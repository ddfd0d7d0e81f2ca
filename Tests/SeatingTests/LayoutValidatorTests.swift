import Seating
import Testing

@Suite struct LayoutValidatorTests {
    func firstError(_ layout: Layout) -> String? {
        LayoutValidator.validate(layout).errors.first.map { "\($0.path)" }
    }

    @Test func acceptsTheTestLayout() {
        #expect(LayoutValidator.validate(TestFloors.layout()).errors.isEmpty)
    }

    @Test func namesThePathOfEachRule() {
        var layout = TestFloors.layout()
        layout.tables[3].min = 7
        #expect(firstError(layout) == "tables[3].max")

        layout = TestFloors.layout()
        layout.tables[2].id = "A"
        #expect(firstError(layout) == "tables[2].id")

        layout = TestFloors.layout()
        layout.combinations.append(Combination(id: "bad", tables: ["A", "Z"], max: 4))
        #expect(firstError(layout) == "combinations[1].tables[1]")

        layout = TestFloors.layout()
        layout.combinations.append(Combination(id: "rep", tables: ["C", "C"], max: 4))
        #expect(firstError(layout) == "combinations[1].tables[1]")

        layout = TestFloors.layout()
        layout.turnTimes.bands = [.init(maxParty: 4, minutes: 60), .init(maxParty: 2, minutes: 90)]
        #expect(firstError(layout) == "turnTimes[1].maxParty")

        layout = TestFloors.layout()
        layout.services[0].last = 17.h
        #expect(firstError(layout) == "services[0].last")

        layout = TestFloors.layout()
        layout.holds = [Hold(name: "h", kind: .tables(["A", "Q"]), from: 18.h, to: 20.h)]
        #expect(firstError(layout) == "holds[0].tables[1]")

        layout = TestFloors.layout()
        layout.services = []
        #expect(firstError(layout) == "services")

        layout = TestFloors.layout()
        layout.restaurant = "has space"
        #expect(firstError(layout) == "restaurant")
    }

    @Test func floorRejectsInvalidLayouts() {
        var layout = TestFloors.layout()
        layout.tables[0].max = 0
        #expect(throws: LayoutRejection.self) { try Floor(layout) }
    }
}
