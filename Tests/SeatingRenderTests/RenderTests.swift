import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Seating
import SeatingRender
import Testing

/// The pictures on small floors: well-formed XML, every table and booking exactly once,
/// colours by status, user text escaped; golden SVGs of the fixture layouts.
@Suite struct RenderTests {
    static let date = ServiceDate("2026-11-20")!   // a Friday

    static let floor = try! Floor(Layout(
        restaurant: "r", name: "R & <Co>",
        tables: [
            Table(id: "A", max: 2, drawing: Drawing(shape: .round, x: 0, y: 0)),
            Table(id: "B", max: 2, drawing: Drawing(x: 1.5, y: 0)),
            Table(id: "C", min: 2, max: 4, area: "terrace", drawing: Drawing(shape: .rect, x: 0, y: 2, w: 2, h: 1, rotation: 90)),
            Table(id: "X", max: 2, area: "bar", reservable: false, drawing: Drawing(x: 4, y: 0)),
        ],
        combinations: [Combination(id: "A+B", tables: ["A", "B"], min: 3, max: 4)],
        services: [Service(name: "dinner", first: 18 * 60, last: 21 * 60, end: 23 * 60, pacing: Pacing(maxCovers: 6))],
        holds: [Hold(name: "bar", kind: .tables(["X"]), from: 18 * 60, to: 20 * 60)],
        blocks: [Block(tables: ["B"], date: date, from: 21 * 60, to: 23 * 60)]))

    static func booking(_ id: String, _ tables: [String], start: Int, party: Int = 2, status: Booking.Status = .booked,
                        locked: Bool = false) -> Booking {
        Booking(id: id, restaurant: "r", date: date, start: start, duration: 90, party: party, tables: tables, status: status,
                channel: .host, locked: locked, createdAt: "", updatedAt: "")
    }

    static let day = DayState(floor: floor, date: date, bookings: [
        booking("b1", ["A", "B"], start: 18 * 60, party: 4, status: .seated, locked: true),
        booking("b2", ["C"], start: 19 * 60, party: 3),
        booking("b3", ["A"], start: 20 * 60, status: .finished),
        booking("b4", ["C"], start: 21 * 60, status: .cancelled),
        booking("b5", ["X"], start: 18 * 60 + 30, status: .noShow),
    ])

    static let view = DayView(floor: floor, day: day, names: ["b1": "<script>alert(\"x\")</script> & 'friends'", "b2": "Ada"])

    /// Parses `text` as XML; nil when it is not well formed.
    static func parsed(_ text: String) -> XMLParserProbe? {
        let probe = XMLParserProbe()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }

    @Test func theFloorPlanIsWellFormedWithEveryTableOnce() throws {
        for time in [nil, 18 * 60 + 15, 19 * 60 + 30, 22 * 60] as [Int?] {
            let svg = FloorPlan.svg(Self.view, at: time)
            let probe = try #require(Self.parsed(svg), "well-formed at \(String(describing: time))")
            #expect(probe.ids.filter { $0.hasPrefix("table-") }.sorted() == ["table-A", "table-B", "table-C", "table-X"])
            #expect(probe.texts.joined().contains("R & <Co>"), "the name, escaped in the markup, reads back")
            #expect(time != 18 * 60 + 15 || probe.texts.joined().contains("<script>alert("), "the guest name reads back as text")
            #expect(!svg.contains("<script>"))
        }
    }

    /// A party on a combination is labelled once, naming the combination, not under each member.
    @Test func aPartyOnACombinationHasOneLabel() throws {
        let svg = FloorPlan.svg(Self.view, at: 18 * 60 + 15)
        #expect(svg.components(separatedBy: ">out 19:30 4 · ").count == 2, "one label of the party of four")
        #expect(svg.components(separatedBy: " (A+B)</text>").count == 2)
    }

    /// Neighbouring members are linked; members far apart get a stub each naming the other, not a
    /// diagonal across the floor.
    @Test func combinationsOfFarApartTablesGetStubsNotDiagonals() throws {
        let floor = try Floor(Layout(restaurant: "r", tables: [
            Table(id: "P1", max: 2, drawing: Drawing(x: 0, y: 0)), Table(id: "P2", max: 2, drawing: Drawing(x: 1.5, y: 0)),
            Table(id: "P3", max: 2, drawing: Drawing(x: 6, y: 4)),
        ], combinations: [Combination(id: "P1+P2", tables: ["P1", "P2"], max: 4), Combination(id: "P2+P3", tables: ["P2", "P3"], max: 4)],
            services: [Service(name: "d", first: 18 * 60, last: 21 * 60)]))
        let svg = FloorPlan.svg(DayView(floor: floor))
        #expect(svg.components(separatedBy: "data-combination=\"P1+P2\"").count == 2, "one line between neighbours")
        #expect(svg.components(separatedBy: "data-combination=\"P2+P3\"").count == 3, "a stub at each far member")
        #expect(svg.contains(">+P3</text>") && svg.contains(">+P2</text>"))
        let probe = try #require(Self.parsed(svg))
        #expect(probe.ids.filter { $0.hasPrefix("table-") }.count == 3)
    }

    @Test func tablesAreColouredByTheirStateAtTheMoment() throws {
        let probe = try #require(Self.parsed(FloorPlan.svg(Self.view, at: 18 * 60 + 15)))
        #expect(probe.states == ["table-A": "seated", "table-B": "seated", "table-C": "booked later", "table-X": "held"])
        let late = try #require(Self.parsed(FloorPlan.svg(Self.view, at: 21 * 60 + 30)))
        // b1 was never finished: still seated two hours after its due-out time, A is overdue.
        #expect(late.states == ["table-A": "overdue", "table-B": "blocked", "table-C": "free", "table-X": "free"])
        let evening = try #require(Self.parsed(FloorPlan.svg(Self.view, at: 19 * 60)))
        #expect(evening.states["table-C"] == "expected")
    }

    /// What a host must act on, at several moments: due-out times, late and overdue parties, a
    /// now line, overruns marked, a legend, no text under 10 px, only the services with bookings.
    @Test func lateOverdueAndDueOutAtSeveralMoments() throws {
        let seated = try #require(Self.parsed(FloorPlan.svg(Self.view, at: 18 * 60 + 15)))
        #expect(seated.texts.joined().contains("out 19:30 4 · "), "a seated party shows when it is due out")
        let onTime = try #require(Self.parsed(FloorPlan.svg(Self.view, at: 19 * 60 + 10)))
        #expect(onTime.states["table-C"] == "expected", "ten minutes after its time a party is not late yet")
        let later = try #require(Self.parsed(FloorPlan.svg(Self.view, at: 19 * 60 + 20)))
        #expect(later.states["table-C"] == "late" && later.texts.joined().contains("late 19:00 3"))
        #expect(later.states["table-A"] == "seated", "b1 is due out at 19:30: at 19:20 it is only seated")
        let overdue = try #require(Self.parsed(FloorPlan.svg(Self.view, at: 19 * 60 + 45)))
        #expect(overdue.states["table-A"] == "overdue" && overdue.texts.joined().contains("overdue 19:30 4"))
        #expect(Self.parsed(FloorPlan.svg(Self.view, at: 19 * 60))?.states["table-A"] == "seated", "before due-out it is only seated")

        let timeline = Timeline.svg(Self.view, at: 19 * 60 + 45)
        let probe = try #require(Self.parsed(timeline))
        #expect(timeline.contains("data-booking=\"b1\" data-status=\"seated\" data-state=\"overdue\""))
        #expect(timeline.contains("data-booking=\"b2\" data-status=\"booked\" data-state=\"late\""))
        #expect(timeline.contains("class=\"now\"") && probe.texts.joined().contains("now 19:45"))
        #expect(!Timeline.svg(Self.view).contains("class=\"now\""), "no time, no now line")
        #expect(timeline.contains("class=\"legend\"") && probe.texts.joined().contains("overdue") && probe.texts.joined().contains("overrun"))
        for size in 1...9 { #expect(!timeline.contains("font-size=\"\(size)\""), "text of \(size) px") }
        // An overrun: b2 on C until 20:30 and another party due there at 20:00.
        let crowded = DayView(floor: Self.floor, day: DayState(floor: Self.floor, date: Self.date, bookings: Array(Self.day.bookings.values)
            + [Self.booking("b6", ["C"], start: 20 * 60)]))
        let overrun = Timeline.svg(crowded)
        #expect(overrun.components(separatedBy: "class=\"overrun\"").count == 2, "one overrun, on C")
        #expect(overrun.contains("overrun: b2 until 20:30, b6 due 20:00"))
        #expect(!Timeline.svg(Self.view).contains("class=\"overrun\""))
    }

    @Test func theTimelineSpansOnlyTheServicesWithBookings() throws {
        let floor = try Floor(Layout(restaurant: "r", tables: [Table(id: "A", max: 4)],
                                     services: [Service(name: "lunch", first: 12 * 60, last: 14 * 60, end: 15 * 60),
                                                Service(name: "dinner", first: 18 * 60, last: 21 * 60, end: 23 * 60)]))
        let dinner = DayView(floor: floor, day: DayState(floor: floor, date: Self.date, bookings: [Self.booking("d", ["A"], start: 19 * 60)]))
        let texts = try #require(Self.parsed(Timeline.svg(dinner))).texts
        #expect(texts.contains("18:00") && texts.contains("23:00") && !texts.contains("12:00") && !texts.contains("15:00"))
        let empty = try #require(Self.parsed(Timeline.svg(DayView(floor: floor, day: DayState(floor: floor, date: Self.date, bookings: []))))).texts
        #expect(empty.contains("12:00") && empty.contains("23:00"), "a day without bookings shows every service")
    }

    @Test func theTimelineShowsEveryBookingOnEachOfItsTablesColouredByStatus() throws {
        let svg = Timeline.svg(Self.view)
        let probe = try #require(Self.parsed(svg))
        // b1 on a combination has a tile per member; the cancelled b4 has none.
        #expect(probe.bookings.sorted() == ["b1", "b1", "b2", "b3", "b5"])
        #expect(probe.bookingStatus == ["b1": "seated", "b2": "booked", "b3": "finished", "b5": "no_show"])
        #expect(probe.rows == ["A", "B", "C", "X"])
        // Colours follow status: seated orange, booked blue, finished grey, no-show red; locked has a heavy border.
        for (id, status, fill) in [("b1", "seated", "#f2a65a"), ("b2", "booked", "#9cc3e6"), ("b3", "finished", "#c9c9c9"), ("b5", "no_show", "#e57373")] {
            #expect(svg.contains("data-booking=\"\(id)\" data-status=\"\(status)\"><rect"), "\(id)")
            let tile = svg.components(separatedBy: "data-booking=\"\(id)\"")[1].prefix(200)
            #expect(tile.contains("fill=\"\(fill)\""), "\(id): \(tile)")
        }
        #expect(svg.components(separatedBy: "data-booking=\"b1\"")[1].prefix(200).contains("stroke-width=\"2\""), "locked")
        #expect(probe.texts.contains { $0.contains("Ada") })
        #expect(svg.contains("class=\"block\""))
        #expect(svg.contains("class=\"hold\""))
        #expect(!svg.contains("<script>"))
        // Pacing: covers booked per 15 minutes against 6; b1 (4) and b2 (3) are in different buckets.
        #expect(probe.pacing.prefix(5) == ["4/6", "0/6", "0/6", "0/6", "3/6"])
    }

    @Test func theReportIsOneSelfContainedDocumentWithEverySection() throws {
        let html = DayReport.html(Self.view)
        for section in ["floor", "timeline", "capacity", "bookings"] { #expect(html.contains("<section id=\"\(section)\">")) }
        #expect(!html.contains("<script"), "no script, and the guest's <script> is escaped")
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;"))
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"),
                "no network references (the SVG namespace is a name, not a fetch)")
        #expect(html.contains("@page"))
        let summary = DaySummary(Self.view)
        #expect(summary.parties == 3, "seated b1, booked b2, finished b3")
        #expect(summary.covers == 9)
    }

    /// Online parties are bounded by the services' `maxParty` too, hosts only by the tables; an
    /// empty day and a layout change that moves nobody say so in words.
    @Test func figuresAndReportsSayWhatAnOwnerAsks() {
        var layout = Self.floor.layout
        layout.services[0].maxParty = 3
        let floor = try! Floor(layout)
        let figures = CapacityFigures(floor: floor, day: Self.day)
        #expect(figures.largestOnlineParty == 3)
        #expect(figures.largestHostParty == 4)
        let empty = DayView(floor: floor, day: DayState(floor: floor, date: Self.date, bookings: []), names: [:])
        #expect(DaySummary(empty).text == "no bookings")
        let unchanged = LayoutChange.reseat(floor: floor, bookings: Array(Self.day.bookings.values).filter { $0.status == .booked })
        let html = WhatIfReport.html(unchanged, before: Self.floor, after: floor)
        #expect(unchanged.moved.isEmpty && html.contains("No booking moves."))
        #expect(html.contains("Every booking can be seated."))
    }

    @Test func capacityFiguresAreWhatTheyClaim() {
        let figures = CapacityFigures(floor: Self.floor, day: Self.day)
        #expect(figures.seats == 10)
        #expect(figures.largestOnlineParty == 4)
        #expect(figures.largestWalkInParty == 4)
        #expect(figures.unseatable == [])
        // Dinner 18:00-23:00, 300 minutes: A and B (2 seats) turn every 75 minutes (4 turns),
        // C (4 seats) every 90 (3 turns); X is walk-in only.
        #expect(figures.services.map(\.turnCovers) == [2 * 4 + 2 * 4 + 4 * 3])
        #expect(figures.services.map(\.bookedCovers) == [4 + 3 + 2])
        let gaps = CapacityFigures(floor: try! Floor(Layout(restaurant: "g", tables: [Table(id: "T", max: 2), Table(id: "S", min: 6, max: 8)],
                                                            services: [Service(name: "d", first: 1080, last: 1260)])))
        #expect(gaps.unseatable == [3, 4, 5])
    }
}

/// Collects what the tests look for while an `XMLParser` walks a picture.
final class XMLParserProbe: NSObject, XMLParserDelegate {
    var ids: [String] = []
    var states: [String: String] = [:]
    var bookings: [String] = []
    var bookingStatus: [String: String] = [:]
    var rows: [String] = []
    var pacing: [String] = []
    var texts: [String] = []
    private var inPacing = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if let id = attributes["id"] {
            ids.append(id)
            if let state = attributes["data-state"] { states[id] = state }
        }
        if attributes["class"] == "booking", let booking = attributes["data-booking"] {
            bookings.append(booking)
            bookingStatus[booking] = attributes["data-status"]
        }
        if attributes["class"] == "row", let table = attributes["data-table"] { rows.append(table) }
        inPacing = attributes["class"] == "pacing"
        if inPacing { pacing.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        texts.append(string)
        if inPacing { pacing[pacing.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        inPacing = false
    }
}
