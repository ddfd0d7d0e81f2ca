import ArgumentParser
import Foundation
import Seating
import SeatingRender
import SeatingService
import SeatingStore

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

    @Option(help: "A database (SQLite file or postgres:// URL) whose bookings of the layout's restaurant show on the plan (with --date and --time).")
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
        let floor = try layoutFloor(layout)
        var view = DayView(floor: floor)
        var moment: Int?
        if let db, let date = date.flatMap(ServiceDate.init), let time = time.flatMap(ClockTime.parse) {
            let stored = try StoredDay(db: db, restaurant: floor.layout.restaurant, date: date, layout: floor.layout)
            view = DayView(floor: floor, day: stored.day, names: GuestNames.of(stored.day.bookings.values))
            moment = time
            // A changed layout drops tables: say which bookings the plan cannot show.
            let stranded = stored.day.bookings.values.filter { $0.status.isActive && floor.unit(forTables: $0.tables) == nil }
                .sorted { $0.id < $1.id }
            if !stranded.isEmpty {
                let list = stranded.map { "\($0.id) (\($0.tables.joined(separator: "+")))" }.joined(separator: ", ")
                FileHandle.standardError.write(Data(("preview: \(stranded.count) active booking\(stranded.count == 1 ? "" : "s") of \(date) "
                    + "on tables or combinations this layout does not have, not drawn: \(list)\n").utf8))
            }
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
            The file is self-contained (inline SVG and CSS, no script) and prints one landscape page \
            per section. --timeline also writes the day timeline alone as SVG.

            Examples:
              maitre report --db maitre.db --restaurant bistro --date 2026-11-20 \\
                -o day.html
              maitre report --db maitre.db --restaurant bistro --date 2026-11-20 \\
                --time 20:00 -o day.html --timeline day.svg
            """)

    @OptionGroup var day: StoredDayOptions

    @Option(help: "The moment the floor plan shows, HH:MM (default: the busiest quarter hour).")
    var time: String?

    @Option(name: .shortAndLong, help: "The HTML file to write (- for stdout).")
    var output: String

    @Option(help: "Also write the day timeline as SVG to this file.")
    var timeline: String?

    func validate() throws {
        if let time, ClockTime.parse(time) == nil { throw ValidationError("--time must be HH:MM") }
    }

    func run() throws {
        let stored = try day.load()
        let view = DayView(floor: stored.floor, day: stored.day, names: GuestNames.of(stored.day.bookings.values))
        try writeOutput(DayReport.html(view, at: time.flatMap(ClockTime.parse)), to: output)
        if let timeline { try writeOutput(Timeline.svg(view, at: time.flatMap(ClockTime.parse)), to: timeline) }
        if output != "-" {
            print("\(stored.floor.layout.name), \(day.date): \(DaySummary(view).text)")
            print("report: \(output)\(timeline.map { ", timeline: \($0)" } ?? "")")
        }
    }
}

/// `maitre whatif`: what a new layout would do to a restaurant's bookings from a date on, without
/// changing anything (what `layout.put` with `"dryRun": true` answers).
struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Show what a new layout would do to the bookings already taken: who keeps their tables, who moves, who cannot be seated.",
        discussion: """
            Every active booking from --from on (default: today in the restaurant's time zone) is re-seated on the new layout as \
            `layout.put` with "reassign": true would: kept where its tables still work, else the best free \
            table, else a re-assignment of the day's unlocked bookings. Nothing is written. Exit status 1 \
            when some booking cannot be seated.

            Examples:
              maitre whatif --db maitre.db --restaurant bistro --layout new-bistro.json
              maitre whatif --db maitre.db --restaurant bistro --layout new-bistro.json \\
                --from 2026-11-20 -o whatif.html
            """)

    @Option(help: "The database: a SQLite file (must exist) or a postgres:// URL.")
    var db: String

    @Option(help: "The restaurant id.")
    var restaurant: String

    @Option(help: "The new layout JSON file (the `layout` object of layout.put).")
    var layout: String

    @Option(help: "First date whose bookings count, YYYY-MM-DD (default: today in the restaurant's time zone).")
    var from: String?

    @Option(name: .shortAndLong, help: "Also write the what-if as an HTML page.")
    var output: String?

    func validate() throws {
        if let from, ServiceDate(from) == nil { throw ValidationError("--from must be YYYY-MM-DD") }
    }

    func run() throws {
        let floor = try layoutFloor(layout)
        guard floor.layout.restaurant == restaurant else {
            throw CommandFailure("\(layout) describes restaurant \(floor.layout.restaurant), not \(restaurant)")
        }
        let start = from.flatMap(ServiceDate.init) ?? SeatingService.today(clock: SystemClock(), timezone: floor.layout.timezone)
        let bookings: [Booking], before: Floor?
        let store = try ExistingStore.open(db)
        do {
            bookings = try store.activeBookings(restaurant: restaurant, from: start)
            before = try store.layout(restaurant: restaurant).map { try Floor($0.layout, rules: .invariants) }
        } catch {
            throw CommandFailure("\(db): \(error)")
        }
        let outcome = LayoutChange.reseat(floor: floor, bookings: bookings)
        print("\(restaurant) from \(start): \(bookings.count) active bookings; \(outcome.kept.count) keep their tables, \(outcome.moved.count) move, \(outcome.unseatable.count) cannot be seated")
        for move in outcome.moved { print("  move \(move.booking): \(move.from.joined(separator: "+")) -> \(move.to.joined(separator: "+"))") }
        for item in outcome.unseatable {
            print("  cannot seat \(item.booking.id) (\(item.booking.date) \(ClockTime.format(item.booking.start)), party \(item.booking.party)): \(item.reason)")
        }
        if let output {
            try writeOutput(WhatIfReport.html(outcome, before: before, after: floor, names: GuestNames.of(bookings)), to: output)
            print("what-if: \(output)")
        }
        if !outcome.unseatable.isEmpty { throw ExitCode.failure }
    }
}
