import Foundation
import Testing

/// `maitre simulate` through the binary: reproducible, complete outputs, clear errors.
@Suite struct SimulateCommandTests {
    static let diner = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/scenarios/diner-walk-ins.json").path

    @Test func theSameSeedGivesByteIdenticalOutputs() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("maitre-simulate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        var outputs: [[String: Data]] = []
        for run in 0..<2 {
            let directory = base.appendingPathComponent("\(run)").path
            let result = try MaitreBinary.serve(Data(), arguments: ["simulate", "--scenario", Self.diner, "--replications", "12",
                                                                    "--seed", "7", "--out", directory, "--quiet"])
            #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
            #expect(result.stderr.isEmpty, "--quiet writes nothing on stderr")
            var files: [String: Data] = [:]
            for name in ["summary.md", "summary.json", "metrics.csv", "occupancy.svg", "turned-away.svg", "turned-away-by-hour.svg", "covers.svg"] {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
        let summary = try JSONSerialization.jsonObject(with: outputs[0]["summary.json"]!) as! [String: Any]
        #expect(summary["replications"] as? Int == 12)
        let policies = summary["policies"] as! [String: [String: [String: Double]]]
        // A walk-in-only scenario has no reservation requests, so no offline ceiling.
        #expect(Set(policies.keys) == ["first-fit", "best-fit", "engine", "engine+repack"])
        for name in ["requests", "seated", "turnedAway", "covers", "revenue", "revpash", "serviceRate", "walkInsSeated",
                     "walkInsLost", "meanWaitMinutes", "moves"] {
            #expect(policies["engine"]?[name]?["mean"] != nil, "\(name)")
            #expect(policies["engine"]?[name]?["ci95"] != nil, "\(name)")
        }
        // Paired differences from best fit, for every other policy, each with a verdict in words.
        let differences = summary["differences"] as! [String: Any]
        #expect(differences["baseline"] as? String == "best-fit")
        let paired = differences["policies"] as! [String: [String: [String: Any]]]
        #expect(Set(paired.keys) == ["first-fit", "engine", "engine+repack"])
        #expect(["higher", "lower", "not distinguishable"].contains(paired["engine"]?["covers"]?["verdict"] as? String ?? ""))
        #expect(String(decoding: outputs[0]["summary.md"]!, as: UTF8.self).contains("### Against best-fit, paired on the same demand"))
        // One CSV row per policy and replication, plus the header.
        #expect(String(decoding: outputs[0]["metrics.csv"]!, as: UTF8.self).split(separator: "\n").count == 1 + 4 * 12)
        let another = try MaitreBinary.serve(Data(), arguments: ["simulate", "--scenario", Self.diner, "--replications", "12", "--seed", "8", "--json", "--quiet"])
        #expect(another.stdout != Data(), "a different seed answers too")
        #expect(!String(decoding: another.stdout, as: UTF8.self).contains("\"seed\":7"))
        #expect(!String(decoding: outputs[0]["summary.json"]!, as: UTF8.self).contains("solverMsP95"), "untimed runs report no solver time")
    }

    @Test func aSweepRunsEachVariantOnTheBasesDemandAndKeepsTheBasesReport() throws {
        let tuesday = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/scenarios/brasserie-tuesday.json").path
        let layout = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/layouts/brasserie.json").path
        let common = ["simulate", "--scenario", tuesday, "--policies", "best-fit,offline", "--replications", "2", "--quiet"]
        let plain = try MaitreBinary.serve(Data(), arguments: common)
        #expect(plain.status == 0, "\(String(decoding: plain.stderr, as: UTF8.self))")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maitre-sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 30 covers a quarter hour is the layout's own value: that variant is the base again.
        let swept = try MaitreBinary.serve(Data(), arguments: common + ["--vary", "layout.services[2].pacing.maxCovers=4,30",
                                                                        "--layouts", layout, "--out", directory])
        #expect(swept.status == 0, "\(String(decoding: swept.stderr, as: UTF8.self))")
        let text = String(decoding: swept.stdout, as: UTF8.self)
        #expect(text.hasPrefix(String(decoding: plain.stdout, as: UTF8.self)), "the base reproduces the plain run byte for byte")
        let rows = text.split(separator: "\n").map(String.init)
        let same = try #require(rows.first { $0.hasPrefix("| layout.services[2].pacing.maxCovers=30 |") })
        #expect(same.components(separatedBy: "(0.0 ± 0.0, not distinguishable)").count == 3, "\(same)")
        let file = try #require(rows.first { $0.hasPrefix("| layout brasserie.json |") })
        #expect(file.components(separatedBy: "(0.0 ± 0.0, not distinguishable)").count == 3, "\(file)")
        let tight = try #require(rows.first { $0.hasPrefix("| layout.services[2].pacing.maxCovers=4 |") })
        #expect(tight.components(separatedBy: " (-").count == 3, "4 covers a quarter hour seats fewer, ceiling included: \(tight)")
        let chart = try String(contentsOfFile: directory + "/variants.svg", encoding: .utf8)
        #expect(chart.contains("data-variant=\"layout.services[2].pacing.maxCovers=4\"") && chart.contains("Brasserie, quiet Tuesday, 2 replications"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/summary.json"))) as! [String: Any]
        #expect((json["variants"] as? [[String: Any]])?.count == 3)
        // A path that does not exist is named, with what does.
        let wrong = try MaitreBinary.serve(Data(), arguments: common + ["--vary", "layout.services[9].pacing.maxCovers=4"])
        #expect(wrong.status != 0)
        #expect(String(decoding: wrong.stderr, as: UTF8.self).contains("layout.services[9] does not exist (layout.services has 4)"))
    }

    @Test func timingsAddSolverTimeForEveryPolicy() throws {
        let result = try MaitreBinary.serve(Data(), arguments: ["simulate", "--scenario", Self.diner, "--replications", "3",
                                                                "--timings", "--json", "--quiet"])
        #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
        let summary = try JSONSerialization.jsonObject(with: result.stdout) as! [String: Any]
        let policies = summary["policies"] as! [String: [String: [String: Double]]]
        #expect(policies.count == 4)
        for (policy, metrics) in policies {
            let p95 = metrics["solverMsP95"]?["mean"]
            #expect(p95 != nil && p95! >= 0, "\(policy)")
        }
    }

    @Test func misuseAndBadScenariosAreClearErrors() throws {
        #expect(try MaitreBinary.serve(Data(), arguments: ["simulate", "--scenario", Self.diner, "--policies", "random"]).status == 64)
        #expect(try MaitreBinary.serve(Data(), arguments: ["simulate", "--scenario", Self.diner, "--replications", "0"]).status == 64)
        let missing = try MaitreBinary.serve(Data(), arguments: ["simulate", "--scenario", "/nonexistent.json"])
        #expect(missing.status == 1)
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("maitre-bad-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: bad) }
        try #"{"layout":"nowhere.json","date":"2026-11-24","walkIns":{"rates":[]}}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try MaitreBinary.serve(Data(), arguments: ["simulate", "--scenario", bad])
        #expect(refused.status == 1)
        #expect(String(decoding: refused.stderr, as: UTF8.self).contains("layout: cannot read nowhere.json"))
    }
}
