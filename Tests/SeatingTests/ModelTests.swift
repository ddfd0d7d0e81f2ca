import Seating
import Testing

@Suite struct ServiceDateTests {
    @Test func parsesAndFormats() {
        #expect(ServiceDate("2026-11-21")?.description == "2026-11-21")
        #expect(ServiceDate("2024-02-29") != nil)
        #expect(ServiceDate("2026-02-29") == nil)
        #expect(ServiceDate("2026-13-01") == nil)
        #expect(ServiceDate("2026-1-01") == nil)
        #expect(ServiceDate("26-11-21xx") == nil)
    }

    @Test func weekdays() {
        #expect(ServiceDate("2026-11-21")?.weekday == .sat)
        #expect(ServiceDate("1970-01-01")?.weekday == .thu)
        #expect(ServiceDate("2000-02-29")?.weekday == .tue)
    }

    @Test func addingDaysCrossesMonthsAndYears() {
        #expect(ServiceDate("2026-12-31")?.adding(days: 1)?.description == "2027-01-01")
        #expect(ServiceDate("2024-03-01")?.adding(days: -1)?.description == "2024-02-29")
    }
}

@Suite struct ClockTimeTests {
    @Test func parsesServiceDayTimes() {
        #expect(ClockTime.parse("19:30") == 1170)
        #expect(ClockTime.parse("00:00") == 0)
        #expect(ClockTime.parse("24:30") == 1470)
        #expect(ClockTime.parse("9:05") == 545)
        #expect(ClockTime.parse("47:59") == 47 * 60 + 59)
        for bad in ["48:00", "19:60", "1930", "19:3", "ab:cd", "-1:00", ""] {
            #expect(ClockTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func formatsPastMidnight() {
        #expect(ClockTime.format(1470) == "24:30")
        #expect(ClockTime.format(545) == "09:05")
    }
}

@Suite struct TurnTimesTests {
    let turns = TestFloors.layout().turnTimes

    @Test func bandsByPartySize() {
        #expect(turns.minutes(party: 1, weekday: .tue, start: 19.h) == 60)
        #expect(turns.minutes(party: 2, weekday: .tue, start: 19.h) == 60)
        #expect(turns.minutes(party: 3, weekday: .tue, start: 19.h) == 90)
        #expect(turns.minutes(party: 12, weekday: .tue, start: 19.h) == 120)
    }

    @Test func overridesByWeekdayAndHalfOpenWindow() {
        #expect(turns.minutes(party: 2, weekday: .sat, start: 19.h) == 75)
        #expect(turns.minutes(party: 4, weekday: .sat, start: 19.h) == 150)
        #expect(turns.minutes(party: 4, weekday: .sat, start: 21.h) == 90, "window is [from, to)")
        #expect(turns.minutes(party: 4, weekday: .sat, start: 18.h + 45) == 90)
        #expect(turns.minutes(party: 4, weekday: .fri, start: 19.h) == 90)
    }
}

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

@Suite struct LayoutRulesTests {
    @Test func storedLayoutsAreHeldToInvariantsOnlyAndAdmissionToEveryRule() {
        let long = Layout(restaurant: "a restaurant with spaces", tables: [Table(id: String(repeating: "t", count: 80), max: 600)],
                          services: [Service(name: "d", first: 1080, last: 1260, maxParty: 900)])
        #expect(LayoutValidator.validate(long, rules: .admission).errors.map(\.path) == ["restaurant", "tables[0].id", "tables[0].max", "services[0].maxParty"])
        #expect(LayoutValidator.validate(long, rules: .invariants).errors.isEmpty)
        var broken = long
        broken.tables.append(broken.tables[0])
        broken.tables[0].min = 700
        #expect(LayoutValidator.validate(broken, rules: .invariants).errors.map(\.path) == ["tables[0].max", "tables[1].id"])
    }
}
