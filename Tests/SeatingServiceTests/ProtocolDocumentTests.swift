import Foundation
import MaitreJSON
import Seating
@testable import SeatingService
import Testing

/// `docs/protocol.md` against the code, both ways: every op the dispatcher answers, every error
/// code and every refusal reason appears in the document (in backticks, in its table), the
/// document's tables name nothing the code does not know, and its worked session replays byte for
/// byte against a fresh service.
@Suite struct ProtocolDocumentTests {
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)) ?? ""
    }()

    /// The lines of the `## heading` section (up to the next `## `).
    static func section(_ heading: String) -> [Substring] {
        var lines: [Substring] = []
        var inside = false
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                if inside { break }
                inside = line == "## \(heading)"
                continue
            }
            if inside { lines.append(line) }
        }
        return lines
    }

    /// The first backticked name of each body row of the first table in the `## heading` section.
    static func tableNames(under heading: String) -> [String] {
        var names: [String] = []
        var rows = 0
        for line in section(heading) {
            guard line.hasPrefix("|") else {
                if rows > 0 { break }
                continue
            }
            rows += 1
            if rows == 1 || line.hasPrefix("|---") { continue }  // the header and its rule
            if let name = firstBackticked(line) { names.append(name) }
        }
        return names
    }

    static func firstBackticked(_ line: Substring) -> String? {
        guard let open = line.firstIndex(of: "`") else { return nil }
        let rest = line[line.index(after: open)...]
        guard let close = rest.firstIndex(of: "`") else { return nil }
        return String(rest[..<close])
    }

    static func mentions(_ name: String) -> Bool { document.contains("`\(name)`") }

    static func difference(_ code: [String], _ documented: [String]) -> String {
        "not documented: \(Set(code).subtracting(documented).sorted()); documented but not in the code: \(Set(documented).subtracting(code).sorted())"
    }

    @Test func theDocumentExists() {
        #expect(!Self.document.isEmpty, "docs/protocol.md is missing or empty")
    }

    @Test func everyOperationIsDocumented() {
        let code = SeatingService.operations
        let documented = Self.tableNames(under: "Operations")
        #expect(Set(documented) == Set(code), "\(Self.difference(code, documented))")
        #expect(documented.count == Set(documented).count, "an op is listed twice: \(documented)")
        for op in code {
            #expect(Self.mentions(op), "`\(op)` does not appear in backticks")
            #expect(Self.document.contains("\n### `\(op)`\n"), "`\(op)` has no reference section (### `\(op)`)")
        }
    }

    /// The dispatcher itself, not only its list: every documented op is answered by something
    /// other than `unknown_op`, and the ops `unknown_op` names are the documented ones.
    @Test func theDispatcherAnswersEveryDocumentedOp() throws {
        let harness = ServiceHarness()
        let documented = Self.tableNames(under: "Operations")
        #expect(!documented.isEmpty)
        for op in Set(documented).union(SeatingService.operations) {
            let response = harness.send(JSONWriter.string(.object([JSONMember("id", "probe"), JSONMember("op", .string(op))])))
            #expect(response.code != "unknown_op", "\(op) -> \(JSONWriter.string(response))")
        }
        let unknown = harness.send(#"{"op":"no.such.op"}"#)
        #expect(unknown.code == "unknown_op")
        let message = try #require(unknown["error"]?["message"]?.stringValue)
        let known = try #require(message.range(of: "known: ")).upperBound
        let named = message[known...].split(separator: ", ").map(String.init)
        #expect(Set(named) == Set(documented), "\(Self.difference(named, documented))")
    }

    @Test func everyErrorCodeIsDocumented() {
        let code = ProtocolError.Code.allCases.map(\.rawValue)
        let documented = Self.tableNames(under: "Errors")
        #expect(Set(documented) == Set(code), "\(Self.difference(code, documented))")
        #expect(documented.count == Set(documented).count, "a code is listed twice: \(documented)")
        for name in code { #expect(Self.mentions(name), "`\(name)` does not appear in backticks") }
    }

    /// The reasons table lists every `SlotReason`, in the order the engine checks them.
    @Test func everyReasonIsDocumentedInOrder() {
        let code = SlotReason.allCases.map(\.rawValue)
        let documented = Self.tableNames(under: "Refusal reasons")
        #expect(documented == code, "\(Self.difference(code, documented)); order: \(documented) vs \(code)")
        for name in code { #expect(Self.mentions(name), "`\(name)` does not appear in backticks") }
    }

    /// Each ```ndjson block of the worked session is a request line and its response line, as
    /// `maitre serve --store memory --now 2026-11-19T09:00:00Z` answers them in one session.
    @Test func theWorkedSessionReplays() {
        var blocks: [[Substring]] = []
        var current: [Substring]?
        for line in Self.section("Worked session") {
            if line == "```ndjson" { current = []; continue }
            if line == "```", let lines = current { blocks.append(lines); current = nil; continue }
            current?.append(line)
        }
        #expect(blocks.count >= 12, "the worked session has \(blocks.count) exchanges")
        let harness = ServiceHarness(now: "2026-11-19T09:00:00Z")
        for (index, block) in blocks.enumerated() {
            #expect(block.count == 2, "exchange \(index + 1) is not one request and one response")
            guard block.count == 2 else { continue }
            let answer = String(decoding: harness.service.respond(toLine: Array(block[0].utf8)), as: UTF8.self)
            #expect(answer == String(block[1]), "exchange \(index + 1): the service now answers\n\(answer)")
        }
        let ops = blocks.compactMap { $0.first.flatMap { try? JSONParser.parse(Array($0.utf8)) }?["op"]?.stringValue }
        for op in ["layout.put", "availability", "book", "modify", "seat", "finish", "cancel", "day"] {
            #expect(ops.contains(op), "the worked session has no \(op)")
        }
    }
}
