import ArgumentParser
import Foundation
import Seating
import SeatingService
import SeatingStore

/// `maitre check`: validate layout documents as `layout.put` would, and audit databases. Every
/// problem goes to stderr (JSON syntax errors as `file:line:column`); the exit status is 1 when
/// there is any.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate layout files and audit a database; print every problem on stderr.",
        discussion: """
            Layout files are checked with the decoding and rules of layout.put; each valid one prints its \
            capacity figures on stdout. --db audits a whole SQLite database, read-only: every booking \
            readable, on a table or combination that seats its party, no two active bookings on one \
            table-minute, day versions consistent, idempotency keys pointing at their bookings. \
            Exit status: 0 when nothing is wrong, 1 when anything is, 64 on misuse.

            Examples:
              maitre check Fixtures/layouts/bistro.json Fixtures/layouts/hall.json
              maitre check --db maitre.db
            """)

    @Argument(help: "Layout JSON files (the `layout` object of layout.put).")
    var files: [String] = []

    @Option(help: "A SQLite database to audit (never created or changed).")
    var db: String?

    func validate() throws {
        if files.isEmpty && db == nil { throw ValidationError("give layout files, --db FILE, or both") }
    }

    func run() throws {
        var problems = 0
        func report(_ line: String) {
            problems += 1
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                report("\(file): cannot read (no such file, or not readable)")
                continue
            }
            let bytes = Array(data)
            switch LayoutCheck.check(bytes) {
            case .success(let summary):
                print("\(file): ok — \(summary.restaurant): \(summary.tables) tables, \(summary.combinations) combinations, \(summary.seats) seats, \(summary.services) services")
                let figures = summary.capacity
                print("  largest party: \(figures.largestOnlineParty) online, \(figures.largestHostParty) host, \(figures.largestWalkInParty) walk-in; party sizes no table or combination seats: \(figures.unseatable.isEmpty ? "none" : figures.unseatable.map(String.init).joined(separator: ", "))")
                // Without a day the figures use the default turn-time bands: say so when overrides exist.
                let left = figures.turnTimeOverridesLeftOut
                if left > 0 { print("  covers below at the default turn times (\(left) weekday or time override\(left == 1 ? "" : "s") not applied)") }
                for service in figures.services {
                    let days = service.days.isEmpty ? "every day" : service.days.map(\.rawValue).joined(separator: ", ")
                    print("  \(service.name) \(ClockTime.format(service.from))-\(ClockTime.format(service.to)) (\(days)): at most \(service.turnCovers) covers at its turn times")
                }
                for warning in summary.warnings { print("  warning \(warning)") }
            case .failure(let failure):
                if let offset = failure.syntaxOffset {
                    let (line, column) = Self.lineAndColumn(of: offset, in: bytes)
                    report("\(file):\(line):\(column): \(failure.error.message)")
                } else {
                    for problem in failure.problems { report("\(file): \(problem)") }
                }
            }
        }
        if let db {
            if PostgresStore.handles(db) {
                throw CommandFailure("\(db): check --db audits SQLite files only; PostgreSQL enforces one party per table-minute itself (an exclusion constraint) and reads every row strictly")
            }
            try ExistingStore.requireFile(db)
            let found: [StoreProblem]
            do {
                found = try StoreAudit.problems(path: db, legacyLayouts: .protocolDocument)
            } catch {
                throw CommandFailure("\(db): cannot read the database: \(error)")
            }
            for problem in found { report("\(db): \(problem)") }
            if found.isEmpty { print("\(db): ok") }
        }
        if problems > 0 { throw ExitCode.failure }
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes[..<min(offset, bytes.count)]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1
        return (line, column)
    }
}
