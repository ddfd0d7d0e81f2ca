import Foundation
import Testing

/// `maitre preview`, `maitre report` and the `render` op through the real binary, and the report
/// as a browser shows it (headless Chromium, when installed; CI installs it).
@Suite struct PictureCommandTests {
    static let root = MaitreBinary.packageRoot

    /// The fixture layouts' floor plans match `Fixtures/render/NAME-floor.svg` (regenerate on
    /// purpose with MAITRE_UPDATE_GOLDEN=1 and review the pictures).
    @Test(arguments: ["bistro", "brasserie", "hall"])
    func fixtureFloorPlansMatchTheirGoldenSVG(name: String) throws {
        let run = try MaitreBinary.serve(Data(), arguments: ["preview", "--layout", Self.root.appendingPathComponent("Fixtures/layouts/\(name).json").path, "-o", "-"])
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        let golden = Self.root.appendingPathComponent("Fixtures/render/\(name)-floor.svg")
        if ProcessInfo.processInfo.environment["MAITRE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try run.stdout.write(to: golden)
            return
        }
        #expect(String(decoding: run.stdout, as: UTF8.self) == (try String(contentsOf: golden, encoding: .utf8)))
        // Areas wrap into rows that fit a landscape page, so a report shows the tables at their own
        // size: the hall's areas drawn side by side were 4,541 px wide.
        let svg = String(decoding: run.stdout, as: UTF8.self)
        let width = try #require(svg.firstMatch(of: /width="([0-9.]+)"/).flatMap { Double($0.1) })
        #expect(width <= 1_400, "\(name): \(width) px wide")
        for size in 1...8 { #expect(!svg.contains("font-size=\"\(size)\""), "\(name): text of \(size) px") }
    }

    /// A database holding the bistro's Friday night.
    static func bistroFriday() throws -> String {
        let db = temporaryDatabase()
        let session = try Data(contentsOf: root.appendingPathComponent("Fixtures/sessions/bistro-friday-night.ndjson"))
        _ = try MaitreBinary.serve(session, arguments: ["serve", "--db", db, "--now", "2026-11-19T09:00:00Z"])
        return db
    }

    @Test func theReportAndThePreviewOfAStoredEvening() throws {
        let db = try Self.bistroFriday()
        defer { removeDatabase(db) }
        let html = db + ".html", plan = db + ".svg"
        defer { for file in [html, plan] { try? FileManager.default.removeItem(atPath: file) } }
        let report = try MaitreBinary.serve(Data(), arguments: ["report", "--db", db, "--restaurant", "bistro", "--date", "2026-11-20", "-o", html])
        #expect(report.status == 0, "\(String(decoding: report.stderr, as: UTF8.self))")
        #expect(String(decoding: report.stdout, as: UTF8.self).contains("parties"))
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.components(separatedBy: "<svg ").count == 3, "floor plan and timeline inline")
        let preview = try MaitreBinary.serve(Data(), arguments: [
            "preview", "--layout", Self.root.appendingPathComponent("Fixtures/layouts/bistro.json").path,
            "--db", db, "--date", "2026-11-20", "--time", "20:00", "-o", plan,
        ])
        #expect(preview.status == 0)
        #expect(try String(contentsOfFile: plan, encoding: .utf8).contains("data-state=\"seated\"") || (try String(contentsOfFile: plan, encoding: .utf8)).contains("data-state=\"expected\""))
        #expect(try MaitreBinary.serve(Data(), arguments: ["report", "--db", "/nonexistent.db", "--restaurant", "bistro", "--date", "2026-11-20", "-o", html]).status == 1)
        // A changed layout (T8 renamed T12) over the stored evening: the bookings on T8 are named on stderr.
        let renamed = db + ".layout.json"
        defer { try? FileManager.default.removeItem(atPath: renamed) }
        let bistro = try String(contentsOf: Self.root.appendingPathComponent("Fixtures/layouts/bistro.json"), encoding: .utf8)
        try bistro.replacingOccurrences(of: "\"T8\"", with: "\"T12\"").write(toFile: renamed, atomically: true, encoding: .utf8)
        let changed = try MaitreBinary.serve(Data(), arguments: ["preview", "--layout", renamed, "--db", db, "--date", "2026-11-20",
                                                                 "--time", "20:00", "-o", plan])
        #expect(changed.status == 0)
        let warning = String(decoding: changed.stderr, as: UTF8.self)
        #expect(warning.contains("this layout does not have") && warning.contains("(T8)"), "\(warning)")
    }

    @Test func theRenderOpAnswersSVGAndHTML() throws {
        let db = try Self.bistroFriday()
        defer { removeDatabase(db) }
        let lines = [
            #"{"id":1,"op":"render","what":"floor","restaurant":"bistro"}"#,
            #"{"id":2,"op":"render","what":"timeline","restaurant":"bistro","date":"2026-11-20"}"#,
            #"{"id":3,"op":"render","what":"report","restaurant":"bistro","date":"2026-11-20","time":"20:00"}"#,
            #"{"id":4,"op":"render","what":"poster","restaurant":"bistro"}"#,
            #"{"id":5,"op":"render","what":"timeline","restaurant":"bistro"}"#,
        ]
        let answers = try ServeProcess.run(lines, arguments: ["serve", "--db", db])
        #expect(answers[0]["result"]?["contentType"] == "image/svg+xml")
        #expect(answers[0]["result"]?["text"]?.stringValue?.hasPrefix("<svg") == true)
        #expect(answers[1]["result"]?["text"]?.stringValue?.contains("class=\"booking\"") == true)
        #expect(answers[2]["result"]?["contentType"] == "text/html")
        #expect(answers[3]["error"]?["field"] == "what")
        #expect(answers[4]["error"]?["field"] == "date")
    }

    @Test func whatIfListsMovesAndBookingsThatCannotBeSeated() throws {
        let db = try Self.bistroFriday()
        defer { removeDatabase(db) }
        let bistro = try String(contentsOf: Self.root.appendingPathComponent("Fixtures/layouts/bistro.json"), encoding: .utf8)
        let renamed = db + ".renamed.json", html = db + ".whatif.html"
        defer { for file in [renamed, html] { try? FileManager.default.removeItem(atPath: file) } }
        try bistro.replacingOccurrences(of: "\"T8\"", with: "\"T12\"").write(toFile: renamed, atomically: true, encoding: .utf8)
        let run = try MaitreBinary.serve(Data(), arguments: ["whatif", "--db", db, "--restaurant", "bistro", "--layout", renamed,
                                                             "--from", "2026-11-20", "-o", html])
        let out = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == 0, "\(out)\(String(decoding: run.stderr, as: UTF8.self))")
        #expect(out.contains("1 move, 0 cannot be seated"))
        #expect(out.contains("T8 -> T12"))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("Bookings that move"))
        // Without the six-top T9 the party of five has nowhere to go.
        let smaller = db + ".smaller.json"
        defer { try? FileManager.default.removeItem(atPath: smaller) }
        var layout = try JSONSerialization.jsonObject(with: Data(bistro.utf8)) as! [String: Any]
        layout["tables"] = (layout["tables"] as! [[String: Any]]).filter { $0["id"] as? String != "T9" }
        try JSONSerialization.data(withJSONObject: layout).write(to: URL(fileURLWithPath: smaller))
        let refused = try MaitreBinary.serve(Data(), arguments: ["whatif", "--db", db, "--restaurant", "bistro", "--layout", smaller, "--from", "2026-11-20"])
        #expect(refused.status == 1)
        #expect(String(decoding: refused.stdout, as: UTF8.self).contains("cannot seat"))
    }

    /// Headless Chromium renders the report to a PNG of the window's size that is not blank.
    @Test func chromiumRendersTheReport() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("chromium is not installed: skipping the browser check (.ci/run installs it)")
            return
        }
        let db = try Self.bistroFriday()
        defer { removeDatabase(db) }
        let html = db + ".html", png = db + ".png"
        defer { for file in [html, png] { try? FileManager.default.removeItem(atPath: file) } }
        #expect(try MaitreBinary.serve(Data(), arguments: ["report", "--db", db, "--restaurant", "bistro", "--date", "2026-11-20", "-o", html]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,900",
                             "--user-data-dir=\(db).chromium", "--screenshot=\(png)", "file://\(html)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: db + ".chromium") }
        let image = try Data(contentsOf: URL(fileURLWithPath: png))
        // PNG signature, then the IHDR chunk's width and height.
        #expect(image.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let bytes = [UInt8](image)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1200 && height == 900)
        // A blank white page compresses to a few kilobytes; the report's text and shapes do not.
        #expect(image.count > 20_000, "\(image.count) bytes")
    }
}
