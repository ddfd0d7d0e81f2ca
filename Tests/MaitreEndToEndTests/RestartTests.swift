import Foundation
import Testing

/// State survives a restart byte for byte: a new process on the same file answers `day` the same.
@Suite struct RestartTests {
    @Test func dayIsIdenticalAfterRestart() throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let session = try String(contentsOf: MaitreBinary.packageRoot.appendingPathComponent("Fixtures/sessions/bistro-friday-night.ndjson"), encoding: .utf8)
        let first = try MaitreBinary.serve(Data(session.utf8), arguments: ["serve", "--db", db, "--now", "2026-11-19T09:00:00Z"])
        let lastLine = String(decoding: first.stdout, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.hasPrefix(#"{"id":"day","ok":true"#))
        let again = try MaitreBinary.serve(Data(#"{"id":"day","op":"day","restaurant":"bistro","date":"2026-11-20"}"#.utf8 + [0x0A]),
                                           arguments: ["serve", "--db", db])
        #expect(String(decoding: again.stdout, as: UTF8.self) == lastLine + "\n")
    }
}
