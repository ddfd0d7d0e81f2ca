import Foundation
import GRDB
import Testing

/// The command line as a new user and an operator meet it: help, exit statuses, stderr.
@Suite struct CommandLineTests {
    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    /// `--help` of every command matches `Fixtures/help/NAME.txt` (regenerate on purpose with
    /// MAITRE_UPDATE_GOLDEN=1); every command's help shows an example.
    @Test(arguments: ["maitre", "serve", "check", "preview", "report", "whatif", "simulate", "export", "optimum"])
    func helpMatchesItsSnapshot(command: String) throws {
        let run = try MaitreBinary.serve(Data(), arguments: (command == "maitre" ? [] : [command]) + ["--help"])
        #expect(run.status == 0)
        let help = Self.text(run.stdout)
        #expect(help.contains("Example"), "\(command) --help shows an example")
        let snapshot = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/help/\(command).txt")
        if ProcessInfo.processInfo.environment["MAITRE_UPDATE_GOLDEN"] == "1" {
            try run.stdout.write(to: snapshot)
            return
        }
        #expect(help == (try String(contentsOf: snapshot, encoding: .utf8)))
        // Copy-pasteable at 80 columns: every example line is a whole command or the continuation
        // of one ending in a backslash; no default is printed twice.
        var continues = false
        for line in Self.exampleLines(help) {
            let text = line.trimmingCharacters(in: .whitespaces)
            #expect(continues || text.hasPrefix("maitre") || text.hasPrefix("echo") || text.hasPrefix("printf"),
                    "\(command) --help: an example re-wrapped mid-command: \(line)")
            continues = text.hasSuffix("\\")
        }
        // Prose re-wraps as paragraphs: no line of the description ends early mid-paragraph.
        let prose = Self.descriptionLines(help)
        for (line, next) in zip(prose, prose.dropFirst()) where !line.isEmpty && !next.isEmpty {
            #expect(line.count >= 40, "\(command) --help: a paragraph breaks early at: \(line)")
        }
        for option in help.components(separatedBy: "\n  -") {
            #expect(option.components(separatedBy: "default:").count <= 2, "\(command) --help prints a default twice: \(option)")
        }
    }

    /// The lines between the overview and the `Examples:` block (the command's description).
    static func descriptionLines(_ help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let blank = lines.firstIndex(of: ""), let end = lines.firstIndex(where: { $0.hasPrefix("Examples:") }),
              blank < end else { return [] }
        return Array(lines[(blank + 1)..<end])
    }

    /// The lines of the help's `Examples:` block.
    static func exampleLines(_ help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Examples:") }) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    @Test func aBareMaitrePrintsHelpAndCreatesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maitre-bare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MaitreBinary.serve(Data(#"{"op":"ping"}"#.utf8), arguments: [], directory: directory)
        #expect(run.status == 0)
        #expect(Self.text(run.stdout).contains("SUBCOMMANDS"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no maitre.db")
    }

    @Test func runtimeFailuresAreOneLineAndExitOneMisuseExits64WithUsage() throws {
        let missing = try MaitreBinary.serve(Data(), arguments: ["export", "--db", "/nonexistent/x.db", "--restaurant", "r",
                                                                 "--date", "2026-11-20", "-o", "/tmp/x.lp"])
        #expect(missing.status == 1)
        let line = Self.text(missing.stderr)
        #expect(line.split(separator: "\n").count == 1, "\(line)")
        #expect(line.contains("no such database"))
        #expect(!line.contains("USAGE"))
        let misuse = try MaitreBinary.serve(Data(), arguments: ["export", "--restaurant", "r"])
        #expect(misuse.status == 64)
        #expect(Self.text(misuse.stderr).contains("Usage"))
        #expect(try MaitreBinary.serve(Data(), arguments: ["check"]).status == 64)
        let half = try MaitreBinary.serve(Data(), arguments: ["export", "--db", "/nonexistent/x.db", "--restaurant", "r",
                                                              "--date", "2026-11-20", "--party", "4", "-o", "/tmp/x.lp"])
        #expect(half.status == 64)
        #expect(Self.text(half.stderr).contains("--party and --time go together"))
        #expect(Self.text(half.stderr).contains("maitre export"), "export's own usage")
        let both = try MaitreBinary.serve(Data(), arguments: ["serve", "--store", "memory", "--db", "foo.db"])
        #expect(both.status == 64)
        #expect(Self.text(both.stderr).contains("--db does not apply to --store memory"))
        #expect(try MaitreBinary.serve(Data(), arguments: ["check", "--db", "/nonexistent/x.db"]).status == 1)
    }

    @Test func checkWritesEveryProblemToStderrWithLineAndColumnForSyntax() throws {
        let syntax = FileManager.default.temporaryDirectory.appendingPathComponent("maitre-\(UUID().uuidString).json").path
        let invalid = syntax + ".invalid.json"
        defer { for file in [syntax, invalid] { try? FileManager.default.removeItem(atPath: file) } }
        try Data("{\"restaurant\": \"x\",\n  \"tables\": [1,\n  }".utf8).write(to: URL(fileURLWithPath: syntax))
        try Data(#"{"restaurant":"x","tables":[{"id":"T","min":3,"max":2},{"id":"T","max":2}],"services":[{"name":"d","first":"18:00","last":"21:00"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: invalid))
        let bistro = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/layouts/bistro.json").path
        let run = try MaitreBinary.serve(Data(), arguments: ["check", syntax, invalid, bistro])
        #expect(run.status == 1)
        let problems = Self.text(run.stderr).split(separator: "\n").map(String.init)
        #expect(problems == [
            "\(syntax):3:3: malformed JSON: unexpected character",
            "\(invalid): tables[0].max: max (2) is below min (3)",
            "\(invalid): tables[1].id: duplicate table id \"T\"",
        ])
        #expect(Self.text(run.stdout).contains("bistro: 12 tables"), "valid files still report on stdout")
        // Capacity figures say which days each service runs and that turn-time overrides are left out.
        let brasserie = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/layouts/brasserie.json").path
        let figures = Self.text(try MaitreBinary.serve(Data(), arguments: ["check", brasserie]).stdout)
        #expect(figures.contains("covers below at the default turn times (2 weekday or time overrides not applied)"), "\(figures)")
        #expect(figures.contains("brunch 10:30-16:00 (sat, sun): at most") && figures.contains("dinner 18:00-23:45 (every day): at most"))
    }

    @Test func checkDbReportsWhatWasWrittenBehindTheEnginesBack() throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let session = try Data(contentsOf: MaitreBinary.packageRoot.appendingPathComponent("Fixtures/sessions/bistro-friday-night.ndjson"))
        let created = try MaitreBinary.serve(session, arguments: ["serve", "--db", db, "--now", "2026-11-19T09:00:00Z"])
        #expect(Self.text(created.stderr).contains("created a new SQLite store"))
        let healthy = try MaitreBinary.serve(Data(), arguments: ["check", "--db", db])
        #expect(healthy.status == 0, "\(Self.text(healthy.stderr))")
        try DatabaseQueue(path: db).write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM booking WHERE status = 'booked' ORDER BY id LIMIT 3")
            try db.execute(sql: "UPDATE booking SET tables = '[\"T1\",' WHERE id = ?", arguments: [ids[0]])
            try db.execute(sql: "UPDATE booking SET status = 'teleported' WHERE id = ?", arguments: [ids[1]])
            // A copy of a booking on the same tables at the same time: a double booking.
            try db.execute(sql: """
                INSERT INTO booking SELECT 'B999999', restaurant, date, start, duration, party, tables, status, channel, locked,
                    area, tags, notes, guest, NULL, duration_given, created_at, updated_at FROM booking WHERE id = ?
                """, arguments: [ids[2]])
        }
        let run = try MaitreBinary.serve(Data(), arguments: ["check", "--db", db])
        #expect(run.status == 1)
        let report = Self.text(run.stderr)
        #expect(report.contains("field tables: not a JSON array"), "\(report)")
        #expect(report.contains("field status: unknown status \"teleported\""))
        #expect(report.contains("shares a table-minute"))
        #expect(report.contains("sequence booking"), "B999999 is past the id sequence")
        // The service refuses the damaged day and names the booking.
        let answer = try MaitreBinary.serve(Data(#"{"id":7,"op":"day","restaurant":"bistro","date":"2026-11-20"}"#.utf8 + [0x0A]),
                                            arguments: ["serve", "--db", db, "--log-format", "json"])
        #expect(Self.text(answer.stdout).contains(#""code":"internal""#))
        #expect(Self.text(answer.stdout).contains(#""reason":"corrupt""#))
        #expect(Self.text(answer.stderr).contains(#""request":"7""#), "the internal error is logged with its request id")
    }

    @Test func serveExitsNonZeroWhenItsOutputFails() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        let run = try MaitreBinary.serve(Data(#"{"op":"ping"}"#.utf8 + [0x0A]), arguments: ["serve", "--store", "memory"], output: full)
        #expect(run.status == 1)
        #expect(Self.text(run.stderr).contains("writing stdout failed"))
    }
}
