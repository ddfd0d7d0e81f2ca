import Testing
@testable import Seating

@Suite struct InterchangeableTablesTests {
    static let date = TestFloors.saturday

    /// Four-tops T1-T3 alike, T4 in a combination, T5 blocked 19:00-20:00, T6 not reservable,
    /// T7 a two-top; a count hold on the patio (T2) from 18:00.
    static func floor(countHold: Bool) throws -> Floor {
        try Floor(Layout(
            restaurant: "r", bufferMinutes: 0,
            tables: [
                Table(id: "T1", min: 2, max: 4), Table(id: "T2", min: 2, max: 4, area: "patio"), Table(id: "T3", min: 2, max: 4),
                Table(id: "T4", min: 2, max: 4), Table(id: "T5", min: 2, max: 4), Table(id: "T6", min: 2, max: 4, reservable: false),
                Table(id: "T7", min: 1, max: 2), Table(id: "T8", min: 1, max: 2),
            ],
            combinations: [Combination(id: "T4+T8", tables: ["T4", "T8"], min: 4, max: 6)],
            services: [Service(name: "dinner", first: 18 * 60, last: 22 * 60)],
            holds: countHold ? [Hold(name: "patio walk-ins", kind: .count(1, area: "patio", minCapacity: nil, maxCapacity: nil), from: 18 * 60, to: 23 * 60)] : [],
            blocks: [Block(tables: ["T5"], date: date, from: 19 * 60, to: 20 * 60)]))
    }

    static func names(_ floor: Floor, _ groups: [InterchangeableTables.Group]) -> [[String]] {
        groups.map { $0.units.map { floor.units[$0].id } }
    }

    @Test func groupsAreTablesNoRuleTellsApart() throws {
        let floor = try Self.floor(countHold: true)
        let day = DayState(floor: floor, date: Self.date, bookings: [])
        let evening = InterchangeableTables.groups(floor: floor, day: day, window: (18 * 60, 23 * 60))
        #expect(Self.names(floor, evening) == [["T1", "T3"], ["T2"], ["T6"], ["T7"]])
        #expect(evening.map(\.reservable) == [true, true, false, true])
        // Under physics only, the count hold does not split the four-tops.
        let physics = InterchangeableTables.groups(floor: floor, day: day, window: (18 * 60, 23 * 60), honouringHolds: false)
        #expect(Self.names(floor, physics) == [["T1", "T2", "T3"], ["T6"], ["T7"]])
        // After the block, T5 joins; a booking on T3 takes it out of the window it covers.
        let late = DayState(floor: floor, date: Self.date, bookings: [TestFloors.booking("b", ["T3"], start: 20 * 60, duration: 90, date: Self.date)])
        let afterBlock = InterchangeableTables.groups(floor: floor, day: late, window: (20 * 60, 23 * 60), honouringHolds: false)
        #expect(Self.names(floor, afterBlock) == [["T1", "T2", "T5"], ["T6"], ["T7"]])
    }

    @Test func theOfflineClassesAreTheReservableGroupsOfTheWholeDay() throws {
        let floor = try Self.floor(countHold: true)
        let day = DayState(floor: floor, date: Self.date, bookings: [])
        let classes = TableClasses(floor: floor, day: day, underRules: true)
        #expect(classes.classes.map { $0.tables.map { floor.units[$0].id } } == [["T1", "T3"], ["T2"], ["T7"]])
        #expect(classes.individual.map { floor.units[$0].id } == ["T4", "T4+T8", "T5", "T8"])
    }

    @Test func colouringKeepsCurrentTablesAndFailsOnlyOverCapacity() throws {
        let floor = try Self.floor(countHold: false)
        let units = ["T1", "T2", "T3"].map { id in floor.units.firstIndex { $0.id == id }! }
        typealias Interval = InterchangeableTables.Interval
        // No current tables: the first free table in natural order.
        let fresh = [Interval(start: 0, end: 60, current: nil), Interval(start: 30, end: 90, current: nil), Interval(start: 60, end: 120, current: nil)]
        #expect(InterchangeableTables.colour(fresh, onto: units, floor: floor) == [units[0], units[1], units[0]])
        // A current table is kept when free; a moved one takes the table whose holder comes latest.
        let held = [Interval(start: 0, end: 60, current: units[2]), Interval(start: 10, end: 70, current: nil),
                    Interval(start: 20, end: 80, current: units[1]), Interval(start: 100, end: 130, current: units[0]),
                    Interval(start: 140, end: 150, current: units[2])]
        #expect(InterchangeableTables.colour(held, onto: units, floor: floor) == [units[2], units[0], units[1], units[0], units[2]])
        // Four overlapping intervals do not fit three tables.
        let crowded = (0..<4).map { Interval(start: $0, end: 60, current: nil) }
        #expect(InterchangeableTables.colour(crowded, onto: units, floor: floor) == nil)
    }
}
