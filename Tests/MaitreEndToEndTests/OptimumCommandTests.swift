import Foundation
import Testing

/// `maitre optimum` and `maitre export` through the real binary: the analysts' commands.
@Suite struct OptimumCommandTests {
    let root = MaitreBinary.packageRoot

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func temporaryFile(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("maitre-\(UUID().uuidString).\(suffix)").path
    }

    func summary(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Checks a plan file against the layout on its own: every seated request on one table or
    /// combination that exists, is reservable and fits the party; no table holds two requests at
    /// once (buffer included). Returns the covers seated.
    func checkedCovers(plan: String, layout: String) throws -> Int {
        let layout = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layout))) as? [String: Any])
        let buffer = layout["bufferMinutes"] as? Int ?? 0
        var units: [[String]: (min: Int, max: Int)] = [:]
        for table in layout["tables"] as! [[String: Any]] where table["reservable"] as? Bool ?? true {
            units[[table["id"] as! String]] = (table["min"] as? Int ?? 1, table["max"] as! Int)
        }
        for combination in layout["combinations"] as? [[String: Any]] ?? [] {
            units[combination["tables"] as! [String]] = (combination["min"] as? Int ?? 1, combination["max"] as! Int)
        }
        var busy: [String: [(Int, Int)]] = [:]
        var covers = 0
        for line in try String(contentsOfFile: plan, encoding: .utf8).split(separator: "\n") {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let tables = entry["tables"] as! [String]
            guard !tables.isEmpty else { continue }
            let party = entry["party"] as! Int
            let unit = try #require(units[tables], "\(tables) is not a reservable table or combination")
            #expect(unit.min <= party && party <= unit.max, "\(entry)")
            let clock = (entry["time"] as! String).split(separator: ":").map { Int($0)! }
            let start = clock[0] * 60 + clock[1]
            let span = (start, start + (entry["duration"] as! Int) + buffer)
            for table in tables {
                #expect(!busy[table, default: []].contains { $0.0 < span.1 && span.0 < $0.1 }, "\(table) double-booked by \(entry)")
                busy[table, default: []].append(span)
            }
            covers += party
        }
        return covers
    }

    @Test func bistroFridayIsSolvedToTheProvenOptimum() throws {
        let plan = temporaryFile("ndjson")
        defer { try? FileManager.default.removeItem(atPath: plan) }
        let run = try MaitreBinary.serve(Data(), arguments: [
            "optimum", "--layout", path("Fixtures/layouts/bistro.json"), "--demand", path("Fixtures/demand/bistro-friday.ndjson"),
            "--date", "2026-11-20", "--plan", plan, "--json", "--time-limit-ms", "3600000",
        ])
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        let result = try summary(run.stdout)
        #expect(result["requests"] as? Int == 48)
        #expect(result["coversAsked"] as? Int == 190)
        #expect(result["greedyCovers"] as? Int == 72)
        // Proven optimal: any correct solver finds exactly these covers.
        #expect(result["covers"] as? Int == 92)
        #expect(result["coversBound"] as? Int == 92)
        #expect((result["seated"] as? Int ?? 0) + (result["turnedAway"] as? Int ?? 0) == 48)
        #expect(try checkedCovers(plan: plan, layout: path("Fixtures/layouts/bistro.json")) == 92)
        // Requests without a duration got the layout's turn time (a couple at 18:00 on a Friday).
        let lines = try String(contentsOfFile: plan, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 48)
        #expect(lines.contains { $0.hasPrefix(#"{"id":"r18","time":"18:00","party":2,"duration":"#) })
    }

    @Test func hallDemandIsSolvedToTheProvenOptimumAndExportsItsModel() throws {
        let plan = temporaryFile("ndjson"), lp = temporaryFile("lp"), mps = temporaryFile("mps")
        defer { for file in [plan, lp, mps] { try? FileManager.default.removeItem(atPath: file) } }
        let run = try MaitreBinary.serve(Data(), arguments: [
            "optimum", "--layout", path("Fixtures/layouts/hall.json"), "--demand", path("Fixtures/demand/hall-friday-600.ndjson"),
            "--date", "2026-11-20", "--plan", plan, "--lp", lp, "--mps", mps, "--json", "--time-limit-ms", "3600000",
        ])
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        let result = try summary(run.stdout)
        let covers = try #require(result["covers"] as? Int), bound = try #require(result["coversBound"] as? Int)
        #expect(result["greedyCovers"] as? Int == 922)
        // With the cap lifted the solve ends proven optimal, whatever the machine's speed.
        #expect(covers == 1_016)
        #expect(bound == 1_016)
        #expect(try checkedCovers(plan: plan, layout: path("Fixtures/layouts/hall.json")) == covers)
        let lpText = try String(contentsOfFile: lp, encoding: .utf8), mpsText = try String(contentsOfFile: mps, encoding: .utf8)
        #expect(lpText.contains("Minimize") && lpText.contains("t0_class"))
        #expect(mpsText.contains("COLUMNS") && mpsText.contains("once_t0"))
    }

    @Test func aBadDemandLineIsNamedWithItsField() throws {
        let demand = temporaryFile("ndjson")
        defer { try? FileManager.default.removeItem(atPath: demand) }
        try Data("{\"time\":\"19:00\",\"party\":2}\n{\"time\":\"19:00\",\"party\":0}\n".utf8).write(to: URL(fileURLWithPath: demand))
        let run = try MaitreBinary.serve(Data(), arguments: [
            "optimum", "--layout", path("Fixtures/layouts/bistro.json"), "--demand", demand, "--date", "2026-11-20",
        ])
        #expect(run.status != 0)
        #expect(String(decoding: run.stderr, as: UTF8.self).contains("line 2: party:"))
        #expect(run.stdout.isEmpty)
    }

    @Test func exportWritesTheReshuffleModelForANewParty() throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let session = try Data(contentsOf: root.appendingPathComponent("Fixtures/sessions/bistro-friday-night.ndjson"))
        _ = try MaitreBinary.serve(session, arguments: ["serve", "--db", db, "--now", "2026-11-19T09:00:00Z"])
        let output = db + ".lp"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try MaitreBinary.serve(Data(), arguments: [
            "export", "--db", db, "--restaurant", "bistro", "--date", "2026-11-20", "--party", "4", "--time", "19:30", "--lp", "-o", output,
        ])
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("Minimize") && text.contains("one_0"))
        let lonely = try MaitreBinary.serve(Data(), arguments: [
            "export", "--db", db, "--restaurant", "bistro", "--date", "2026-11-20", "--party", "4", "-o", output,
        ])
        #expect(lonely.status != 0)
        #expect(String(decoding: lonely.stderr, as: UTF8.self).contains("--party and --time go together"))
    }
}
