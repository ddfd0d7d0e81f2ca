import ArgumentParser
import Foundation
import Seating
import SeatingRender
import SeatingService

/// Writes `text` to `path` (`-` for stdout), as one clear failure when it cannot.
func writeOutput(_ text: String, to path: String) throws {
    if path == "-" {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
    }
}

/// `maitre preview`: the floor plan of a layout file as SVG; with a database, date and time, each
/// table's state at that moment.
struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a layout's floor plan as SVG, optionally with each table's state at a moment of a stored day.",
        discussion: """
            Examples:
              maitre preview --layout Fixtures/layouts/bistro.json -o plan.svg
              maitre preview --layout Fixtures/layouts/bistro.json --db maitre.db \\
                --date 2026-11-20 --time 20:00 -o plan-20h.svg
            """)

    @Option(help: "The layout JSON file (the `layout` object of layout.put).")
    var layout: String

    @Option(help: "A SQLite database whose bookings of the layout's restaurant show on the plan (with --date and --time).")
    var db: String?

    @Option(help: "The service date, YYYY-MM-DD (with --db).")
    var date: String?

    @Option(help: "The moment shown, HH:MM (with --db).")
    var time: String?

    @Option(name: .shortAndLong, help: "The SVG file to write (- for stdout).")
    var output: String

    func validate() throws {
        if db != nil && (date == nil || time == nil) { throw ValidationError("--db needs --date and --time") }
        if db == nil && (date != nil || time != nil) { throw ValidationError("--date and --time need --db") }
        if let date, ServiceDate(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
        if let time, ClockTime.parse(time) == nil { throw ValidationError("--time must be HH:MM") }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: layout) else { throw CommandFailure("cannot read \(layout)") }
        let floor: Floor
        switch LayoutCheck.compile(Array(data)) {
        case .success(let compiled): floor = compiled
        case .failure(let failure): throw CommandFailure("\(layout): \(failure.problems.joined(separator: "; "))")
        }
        var view = DayView(floor: floor)
        var moment: Int?
        if let db, let date = date.flatMap(ServiceDate.init), let time = time.flatMap(ClockTime.parse) {
            let stored = try StoredDay(db: db, restaurant: floor.layout.restaurant, date: date, layout: floor.layout)
            view = DayView(floor: floor, day: stored.day, names: GuestNames.of(stored.day.bookings.values))
            moment = time
        }
        try writeOutput(FloorPlan.svg(view, at: moment), to: output)
        if output != "-" { print("\(output): floor plan of \(floor.layout.restaurant), \(floor.tables.count) tables") }
    }
}

/// `maitre report`: the day report of a stored restaurant-day as one self-contained HTML file.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a restaurant-day's report (floor plan, timeline, capacity, bookings) as one HTML file.",
        discussion: """
            The file is self-contained (inline SVG and CSS, no script) and prints one landscape page
            per section. --timeline also writes the day timeline alone as SVG.

            Examples:
              maitre report --db maitre.db --restaurant bistro --date 2026-11-20 -o day.html
              maitre report --db maitre.db --restaurant bistro --date 2026-11-20 \\
                --time 20:00 -o day.html --timeline day.svg
            """)

    @Option(help: "The SQLite database (must exist).")
    var db: String

    @Option(help: "The restaurant id.")
    var restaurant: String

    @Option(help: "The service date, YYYY-MM-DD.")
    var date: String

    @Option(help: "The moment the floor plan shows, HH:MM (default: the busiest quarter hour).")
    var time: String?

    @Option(name: .shortAndLong, help: "The HTML file to write (- for stdout).")
    var output: String

    @Option(help: "Also write the day timeline as SVG to this file.")
    var timeline: String?

    func validate() throws {
        if ServiceDate(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
        if let time, ClockTime.parse(time) == nil { throw ValidationError("--time must be HH:MM") }
    }

    func run() throws {
        let stored = try StoredDay(db: db, restaurant: restaurant, date: ServiceDate(date)!)
        let view = DayView(floor: stored.floor, day: stored.day, names: GuestNames.of(stored.day.bookings.values))
        try writeOutput(DayReport.html(view, at: time.flatMap(ClockTime.parse)), to: output)
        if let timeline { try writeOutput(Timeline.svg(view), to: timeline) }
        if output != "-" {
            print("\(stored.floor.layout.name), \(date): \(DaySummary(view).text)")
            print("report: \(output)\(timeline.map { ", timeline: \($0)" } ?? "")")
        }
    }
}
