import Foundation
import MaitreJSON
import Seating
import SeatingService
import SeatingStore
import Testing

/// A seeded fuzzer: valid requests, mutated. No crash, no hang, every answer a well-formed
/// envelope, and a rejected request changes nothing. `MAITRE_LONG=1` runs 200,000 cases.
@Suite struct FuzzTests {
    static var cases: Int { ProcessInfo.processInfo.environment["MAITRE_LONG"] == "1" ? 200_000 : 3_000 }

    static let seeds: [String] = [
        #"{"id":1,"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"before":30,"after":60,"limit":3,"tags":["window"],"area":"main"}"#,
        #"{"id":2,"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"idempotencyKey":"k","guest":{"name":"Ada","vip":true},"notes":"n"}"#,
        #"{"id":3,"op":"book","restaurant":"r","date":"2026-11-21","time":"19:15","party":4,"channel":"host","tables":["T1","T2"]}"#,
        #"{"id":4,"op":"modify","booking":"B000001","time":"20:00","party":3,"notes":"x"}"#,
        #"{"id":5,"op":"cancel","booking":"B000002"}"#,
        #"{"id":6,"op":"walkin","restaurant":"r","date":"2026-11-21","time":"19:05","party":2,"seat":false}"#,
        #"{"id":7,"op":"seat","booking":"B000001","time":"19:10","tables":["T3"]}"#,
        #"{"id":8,"op":"finish","booking":"B000001","time":"20:30"}"#,
        #"{"id":9,"op":"day","restaurant":"r","date":"2026-11-21"}"#,
        #"{"id":10,"op":"layout.put","layout":\#(ServiceHarness.small)}"#,
    ]

    static let fragments: [String] = [
        "null", "true", "-1", "0", "1e309", "-0.0", "9007199254740993", "\"NaN\"", "\"Infinity\"", "\"\"", "[]", "{}",
        "\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[", "\"24:30\"", "\"47:59\"", "\"2026-02-29\"", "\"B000001\"", "1.5",
        String(repeating: "9", count: 80), "\"" + String(repeating: "x", count: 300) + "\"",
    ]

    static func mutate<R: RandomNumberGenerator>(_ line: String, using rng: inout R) -> [UInt8] {
        var bytes = Array(line.utf8)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !bytes.isEmpty:  // flip a byte
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 1 where !bytes.isEmpty:  // truncate
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 2:  // replace a value after a colon with a fragment
                if let colon = bytes.indices.filter({ bytes[$0] == UInt8(ascii: ":") }).randomElement(using: &rng) {
                    let end = bytes[(colon + 1)...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") } ?? bytes.count
                    bytes.replaceSubrange((colon + 1)..<end, with: Array(fragments.randomElement(using: &rng)!.utf8))
                }
            case 3 where !bytes.isEmpty:  // duplicate a slice
                let start = Int.random(in: 0..<bytes.count, using: &rng)
                let slice = bytes[start..<min(bytes.count, start + Int.random(in: 1...20, using: &rng))]
                bytes.insert(contentsOf: slice, at: Int.random(in: 0...bytes.count, using: &rng))
            case 4 where !bytes.isEmpty:  // delete a slice
                let start = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...10, using: &rng)))
            case 5:  // swap the op
                let ops = ["availability", "book", "modify", "cancel", "seat", "finish", "noshow", "walkin", "day", "ping", "layout.get", "x"]
                let text = String(decoding: bytes, as: UTF8.self)
                if let range = text.range(of: #""op":"[a-z.]*""#, options: .regularExpression) {
                    bytes = Array(text.replacingCharacters(in: range, with: #""op":"\#(ops.randomElement(using: &rng)!)""#).utf8)
                }
            default:  // insert a random fragment anywhere
                bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)!.utf8), at: Int.random(in: 0...bytes.count, using: &rng))
            }
        }
        return bytes
    }

    /// Everything the store holds for the test restaurant, as text.
    static func snapshot(_ service: SeatingService) -> String {
        ["2026-11-21", "2026-11-22"].map { date in
            String(decoding: service.respond(toLine: Array(#"{"op":"day","restaurant":"r","date":"\#(date)"}"#.utf8)), as: UTF8.self)
        }.joined() + String(decoding: service.respond(toLine: Array(#"{"op":"layout.get","restaurant":"r"}"#.utf8)), as: UTF8.self)
    }

    @Test(.timeLimit(.minutes(10)), arguments: ["memory", "sqlite"])
    func mutatedRequestsNeverCrashOrChangeStateWhenRejected(storeKind: String) throws {
        let store: Store = storeKind == "memory" ? InMemoryStore() : try SQLiteStore(path: ":memory:", legacyLayouts: .protocolDocument)
        let service = SeatingService(store: store, clock: FixedClock(iso8601: "2026-11-19T09:00:00Z")!)
        for seed in Self.seeds { _ = service.respond(toLine: Array(seed.utf8)) }
        var rng = SeededRandom(seed: storeKind == "memory" ? 1 : 2)
        var rejected = 0
        let count = storeKind == "memory" ? Self.cases : Self.cases / 4
        for _ in 0..<count {
            let line = Self.mutate(Self.seeds.randomElement(using: &rng)!, using: &rng)
            let before = Self.snapshot(service)
            let response = service.respond(toLine: line)
            guard let parsed = try? JSONParser.parse(response), let ok = parsed["ok"]?.boolValue else {
                Issue.record("not an envelope: \(String(decoding: response, as: UTF8.self)) for \(String(decoding: line, as: UTF8.self))")
                continue
            }
            if !ok {
                rejected += 1
                #expect(parsed["error"]?["code"]?.stringValue != "internal", "\(String(decoding: line, as: UTF8.self)) -> \(String(decoding: response, as: UTF8.self))")
                let after = Self.snapshot(service)
                #expect(before == after, "a rejected request changed state: \(String(decoding: line, as: UTF8.self))")
            }
        }
        #expect(rejected > count / 4, "the fuzzer mostly produces bad input (\(rejected) of \(count) rejected)")
        print("fuzz (\(storeKind)): \(count) mutated requests, \(rejected) rejected, 0 crashes, 0 state changes from rejected requests")
    }

    @Test func hostileInputs() throws {
        let harness = ServiceHarness()
        harness.putSmall()
        let halfMillion = "[" + Array(repeating: "0", count: 500_000).joined(separator: ",") + "]"
        let cases: [(String, String, String?)] = [
            (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"tags":\#(halfMillion)}"#, "invalid_request", "tags"),
            (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":"NaN"}"#, "invalid_request", "party"),
            (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"limit":1e400}"#, "invalid_json", nil),
            (#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"before":-1}"#, "invalid_request", "before"),
            (#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"idempotencyKey":"\#(String(repeating: "k", count: 200))"}"#, "invalid_request", "idempotencyKey"),
            (String(repeating: "[", count: 5_000), "invalid_json", nil),
            (#"{"op":"ping","op":"fly"}"#, "unknown_op", "op"),
        ]
        for (line, code, field) in cases {
            let response = harness.send(line)
            #expect(response.code == code, "\(line.prefix(120)) -> \(JSONWriter.string(response).prefix(300))")
            #expect(response.field == field)
            #expect(harness.send(#"{"op":"ping"}"#).ok)
        }
    }
}
