import Foundation
import PostgresTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif
import MaitreJSON
import Seating

/// A long-running `maitre serve` child: write request lines, read response lines, kill it.
final class ServeProcess {
    let process = Process()
    private let stdin = Pipe()
    private let stdout = Pipe()
    private var buffer = Data()
    private let writes = DispatchGroup()

    init(arguments: [String]) throws {
        process.executableURL = MaitreBinary.url
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Writes on another thread (a child whose stdout is full stops reading its stdin).
    func send(_ lines: [String]) {
        let data = Data(lines.map { $0 + "\n" }.joined().utf8)
        let handle = stdin.fileHandleForWriting
        let group = writes
        group.enter()
        Thread {
            try? handle.write(contentsOf: data)
            group.leave()
        }.start()
    }

    /// The next response line, or nil at end of output.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    /// Closes stdin once every pending `send` has been written.
    func closeInput() {
        let handle = stdin.fileHandleForWriting
        let group = writes
        Thread {
            group.wait()
            try? handle.close()
        }.start()
    }

    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func finish() -> [String] {
        closeInput()
        var lines: [String] = []
        while let line = readLine() { lines.append(line) }
        process.waitUntilExit()
        return lines
    }

    /// Runs `requests` through a fresh process to the end and returns the parsed responses.
    static func run(_ requests: [String], arguments: [String]) throws -> [JSONValue] {
        let child = try ServeProcess(arguments: arguments)
        child.send(requests)
        return try child.finish().map { try JSONParser.parse(Array($0.utf8)) }
    }
}

enum Workload {
    static let layout: String = {
        let text = try! String(contentsOf: MaitreBinary.packageRoot.appendingPathComponent("Fixtures/layouts/brasserie.json"), encoding: .utf8)
        return JSONWriter.string(try! JSONParser.parse(Array(text.utf8)))
    }()

    static func put() -> String { #"{"op":"layout.put","layout":\#(layout)}"# }

    /// Book requests on one busy Friday at the brasserie.
    static func bookings<R: RandomNumberGenerator>(count: Int, prefix: String, date: String = "2026-11-20", using rng: inout R) -> [String] {
        (0..<count).map { index in
            let minutes = 18 * 60 + 15 * Int.random(in: 0...16, using: &rng)
            let party = Int.random(in: 1...6, using: &rng)
            let channel = Bool.random(using: &rng) ? "online" : "host"
            return #"{"id":"\#(prefix)-\#(index)","op":"book","restaurant":"brasserie","date":"\#(date)","time":"\#(ClockTime.format(minutes))","party":\#(party),"channel":"\#(channel)","idempotencyKey":"\#(prefix)-\#(index)"}"#
        }
    }

    /// The day as a fresh process sees it.
    static func day(db: String, date: String = "2026-11-20") throws -> [JSONValue] {
        let responses = try ServeProcess.run([#"{"op":"day","restaurant":"brasserie","date":"\#(date)"}"#], arguments: ["serve", "--db", db])
        return responses.first?["result"]?["bookings"]?.arrayValue ?? []
    }

    /// Pairs of active bookings that share a table-minute (buffer 5 in the brasserie).
    static func overlaps(_ bookings: [JSONValue], buffer: Int = 5) -> [String] {
        var spans: [String: [(Int, Int, String)]] = [:]
        for booking in bookings where ["booked", "seated"].contains(booking["status"]?.stringValue ?? "") {
            let start = ClockTime.parse(booking["time"]!.stringValue!)!
            let end = start + booking["duration"]!.intValue! + buffer
            for table in booking["tables"]!.arrayValue!.compactMap(\.stringValue) {
                spans[table, default: []].append((start, end, booking["id"]!.stringValue!))
            }
        }
        var found: [String] = []
        for (table, list) in spans {
            let sorted = list.sorted { $0.0 < $1.0 }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.1 > b.0 { found.append("\(a.2)/\(b.2) on \(table)") }
        }
        return found
    }
}

func temporaryDatabase() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("maitre-e2e-\(UUID().uuidString).db").path
}

func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// The databases the multi-process tests run against: a SQLite file, and a new database of the
/// throwaway PostgreSQL cluster where one could start (`PostgresAvailability` fails CI otherwise).
enum SharedDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [SharedDatabase] { PostgresCluster.shared == nil ? [.sqlite] : allCases }

    var testDescription: String { rawValue }

    /// A new, empty database's `--db` value and how to remove it.
    func make() throws -> (db: String, remove: () -> Void) {
        switch self {
        case .sqlite:
            let path = temporaryDatabase()
            return (path, { removeDatabase(path) })
        case .postgres:
            return (try #require(PostgresCluster.shared).createDatabase(), {})
        }
    }
}
