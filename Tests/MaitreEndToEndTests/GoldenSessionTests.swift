import Foundation
import PostgresTestSupport
import Testing

/// Every `Fixtures/sessions/NAME.ndjson` replayed through the real binary must answer exactly
/// `NAME.expected.ndjson`. To regenerate on purpose: `make golden` (MAITRE_UPDATE_GOLDEN=1).
@Suite struct GoldenSessionTests {
    static let sessions: [String] = {
        let directory = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/sessions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".ndjson") && !$0.hasSuffix(".expected.ndjson") }
            .map { String($0.dropLast(".ndjson".count)) }.sorted()
    }()

    @Test func sessionsExist() {
        #expect(Self.sessions.count >= 4, "found \(Self.sessions)")
    }

    /// Every store must give the same bytes: SQLite (the default, here in memory), the in-memory
    /// one, and PostgreSQL (a new database of the throwaway cluster per run) where it can start.
    static let stores: [[String]] = [["--db", ":memory:"], ["--store", "memory"]]
        + (PostgresCluster.shared == nil ? [] : [["--db", "postgres"]])

    @Test(arguments: GoldenSessionTests.sessions, GoldenSessionTests.stores)
    func sessionMatchesGolden(name: String, store: [String]) throws {
        let directory = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/sessions")
        let input = try Data(contentsOf: directory.appendingPathComponent("\(name).ndjson"))
        let expectedURL = directory.appendingPathComponent("\(name).expected.ndjson")
        let storeArguments = store == ["--db", "postgres"] ? ["--db", try #require(PostgresCluster.shared).createDatabase()] : store
        let run = try MaitreBinary.serve(input, arguments: ["serve"] + storeArguments + ["--now", "2026-11-19T09:00:00Z"])
        #expect(run.status == 0)
        let requests = String(decoding: input, as: UTF8.self).split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
        let responses = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(responses.count == requests.count, "one response line per request line")
        if ProcessInfo.processInfo.environment["MAITRE_UPDATE_GOLDEN"] == "1" {
            if store == Self.stores[0] { try run.stdout.write(to: expectedURL) }
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (index, (got, want)) in zip(responses, expected).enumerated() where got != want {
            Issue.record("\(name) (\(store.joined(separator: " "))) line \(index + 1) differs\n  request:  \(requests[index].prefix(300))\n  expected: \(want.prefix(600))\n  got:      \(got.prefix(600))")
            break
        }
        #expect(responses.count == expected.count)
    }
}
