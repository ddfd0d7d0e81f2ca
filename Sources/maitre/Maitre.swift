import ArgumentParser
import SeatingService

/// The `maitre` command: the booking service on stdin/stdout, and tools around it. A bare
/// `maitre` prints help; it never starts a server or creates a database.
@main
struct Maitre: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maitre",
        abstract: "Restaurant table assignment and seating optimization.",
        discussion: """
            Examples:
              maitre serve --db maitre.db < requests.ndjson   (answer requests)
              maitre check Fixtures/layouts/bistro.json       (validate a layout)
              maitre check --db maitre.db                     (audit a database)
              maitre report --db maitre.db --restaurant bistro --date 2026-11-20 -o day.html
            """,
        version: SeatingService.version,
        subcommands: [Serve.self, Check.self, Preview.self, Report.self, WhatIf.self, Simulate.self, Export.self, Optimum.self])
}
