import ArgumentParser
import Foundation
import Seating
import SeatingService

/// `maitre check`: validate layout documents without a service, as `layout.put` would.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate layout files and print their capacity figures.")

    @Argument(help: "Layout JSON files (the `layout` object of layout.put).")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot read")
                failed = true
                continue
            }
            switch LayoutCheck.check(Array(data)) {
            case .success(let summary):
                print("\(file): ok — \(summary.restaurant): \(summary.tables) tables, \(summary.combinations) combinations, \(summary.seats) seats, \(summary.services) services")
                for warning in summary.warnings { print("  warning \(warning)") }
            case .failure(let error):
                failed = true
                print("\(file): \(error.line)")
            }
        }
        if failed { throw ExitCode.failure }
    }
}
