import Foundation
import Testing

/// The binary's stream behaviour: framing, limits, and stdout carrying only responses.
@Suite struct ServeBinaryTests {
    func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func oversizedLineGetsTooLargeAndTheServiceGoesOn() throws {
        var input = Data(#"{"id":1,"op":"ping"}"#.utf8 + [0x0A])
        input.append(Data(#"{"id":2,"op":"ping","pad":""#.utf8))
        input.append(Data(repeating: UInt8(ascii: "x"), count: (1 << 20) + 10))
        input.append(Data(#""}"#.utf8 + [0x0A]))
        input.append(Data(#"{"id":3,"op":"ping"}"#.utf8))   // no trailing newline
        let run = try MaitreBinary.serve(input)
        let out = lines(run.stdout)
        #expect(out.count == 3)
        #expect(out[0].hasPrefix(#"{"id":1,"ok":true"#))
        #expect(out[1].contains(#""code":"too_large""#))
        #expect(out[2].hasPrefix(#"{"id":3,"ok":true"#))
        #expect(run.status == 0)
    }

    @Test func invalidUTF8AndControlBytesAreRejectedCleanly() throws {
        var input = Data([0x7B, 0x22, 0x6F, 0x70, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A])  // {"op":"\xFF\xFE"}
        input.append(Data([0x00, 0x01, 0x02, 0x0A]))
        input.append(Data(#"{"id":"after","op":"ping"}"#.utf8 + [0x0A]))
        let out = lines(try MaitreBinary.serve(input).stdout)
        #expect(out.count == 3)
        #expect(out[0].contains(#""code":"invalid_json""#))
        #expect(out[1].contains(#""code":"invalid_json""#))
        #expect(out[2].contains(#""id":"after","ok":true"#))
    }

    @Test func checkCommandValidatesFixtureLayouts() throws {
        let layouts = MaitreBinary.packageRoot.appendingPathComponent("Fixtures/layouts")
        let files = ["bistro", "brasserie", "hall"].map { layouts.appendingPathComponent("\($0).json").path }
        let run = try MaitreBinary.serve(Data(), arguments: ["check"] + files)
        #expect(run.status == 0)
        let out = String(decoding: run.stdout, as: UTF8.self)
        #expect(out.contains("hall: 110 tables, 23 combinations, 528 seats"))
    }

    @Test func exportWritesTheRepackModel() throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let session = try Data(contentsOf: MaitreBinary.packageRoot.appendingPathComponent("Fixtures/sessions/bistro-friday-night.ndjson"))
        _ = try MaitreBinary.serve(session, arguments: ["serve", "--db", db, "--now", "2026-11-19T09:00:00Z"])
        for format in ["lp", "mps"] {
            let output = db + "." + format
            defer { try? FileManager.default.removeItem(atPath: output) }
            let run = try MaitreBinary.serve(Data(), arguments: ["export", "--db", db, "--restaurant", "bistro", "--date", "2026-11-20", "--\(format)", "-o", output])
            #expect(run.status == 0)
            let text = try String(contentsOfFile: output, encoding: .utf8)
            #expect(text.contains(format == "lp" ? "Minimize" : "COLUMNS"))
            #expect(text.contains("x_0_T8"))
        }
    }
}
