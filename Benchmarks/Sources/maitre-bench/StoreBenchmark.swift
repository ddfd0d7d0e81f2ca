import Foundation
import MaitreJSON
import Seating

/// The stores under load from several `maitre serve` processes at once: each process is one
/// closed-loop client (send a request, wait for its answer) of availability asks and bookings
/// for one restaurant over 14 evenings, so processes contend for the same days. Reports per-op
/// p50/p99 and the requests per second of all processes together.
///
///   maitre-bench --stores-only --maitre PATH [--postgres URL] [--processes 1,2,4] [--per-process 400]
///                [--asks-per-booking 3]
///
/// SQLite is a fresh file (WAL, synchronous=FULL) per run; PostgreSQL gets a fresh restaurant id
/// per run in the database at URL.
func runStoreBenchmark(binary: String, postgres: String?, processCounts: [Int], perProcess: Int, asksPerBooking: Int,
                       root: URL) throws {
    let pretty = try String(contentsOf: root.appendingPathComponent("Fixtures/layouts/brasserie.json"), encoding: .utf8)
    let layout = JSONWriter.string(try JSONParser.parse(Array(pretty.utf8)))
    var targets: [(name: String, db: () -> String)] = [("sqlite file", {
        FileManager.default.temporaryDirectory.appendingPathComponent("maitre-bench-\(UUID().uuidString).db").path
    })]
    if let postgres { targets.append(("postgresql", { postgres })) }
    for target in targets {
        for processes in processCounts {
            let db = target.db()
            let restaurant = "bench-\(UUID().uuidString.prefix(8).lowercased())"
            let put = #"{"op":"layout.put","layout":\#(layout.replacingOccurrences(of: #""restaurant":"brasserie""#, with: #""restaurant":"\#(restaurant)""#))}"#
            let setup = try LineClient(binary: binary, db: db)
            guard setup.ask(put).contains(#""ok":true"#) else { throw CommandLineError("layout.put failed on \(target.name)") }
            setup.close()
            let results = ResultsBox()
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: processes) { index in
                var rng = SeededRandom(seed: UInt64(100 + index))
                var stats = ClientStats()
                do {
                    let client = try LineClient(binary: binary, db: db)
                    for request in 0..<perProcess {
                        let date = ServiceDate("2026-12-01")!.adding(days: Int.random(in: 0..<14, using: &rng))!
                        let guest = dinnerGuest(&rng)
                        let common = #""restaurant":"\#(restaurant)","date":"\#(date)","time":"\#(ClockTime.format(guest.time))","party":\#(guest.party)"#
                        // A booking backend asks several times for each booking it makes.
                        let book = request % (asksPerBooking + 1) == asksPerBooking
                        let line = book ? #"{"op":"book",\#(common),"channel":"online","idempotencyKey":"k\#(index)-\#(request)"}"#
                                        : #"{"op":"availability",\#(common),"channel":"online"}"#
                        let sent = DispatchTime.now().uptimeNanoseconds
                        let answer = client.ask(line)
                        let elapsed = DispatchTime.now().uptimeNanoseconds - sent
                        if book {
                            stats.book.append(elapsed)
                            if answer.contains(#""ok":true"#) { stats.booked += 1 }
                        } else {
                            stats.availability.append(elapsed)
                        }
                        if answer.contains(#""code":"internal""#) { stats.internalErrors += 1 }
                    }
                    client.close()
                } catch {
                    stats.internalErrors += perProcess
                }
                results.add(stats)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let all = results.total
            print("\(target.name), \(processes) process(es) x \(perProcess) requests: \(String(format: "%.0f", Double(processes * perProcess) / seconds)) requests/s, \(all.booked) booked, \(all.internalErrors) internal errors")
            print("  " + LatencyStats(all.availability).line("availability"))
            print("  " + LatencyStats(all.book).line("book"))
            if target.name == "sqlite file" {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            }
        }
    }
}

struct CommandLineError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Latencies and outcomes of one client.
struct ClientStats {
    var availability: [UInt64] = []
    var book: [UInt64] = []
    var booked = 0
    var internalErrors = 0
}

/// The clients' stats, gathered across threads.
final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stats = ClientStats()

    func add(_ more: ClientStats) {
        lock.withLock {
            stats.availability += more.availability
            stats.book += more.book
            stats.booked += more.booked
            stats.internalErrors += more.internalErrors
        }
    }

    var total: ClientStats { lock.withLock { stats } }
}

/// One `maitre serve` process used one line at a time.
final class LineClient {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []

    init(binary: String, db: String) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--db", db, "--now", "2026-11-19T09:00:00Z", "--log-level", "error"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Sends `line` and waits for its answer.
    func ask(_ line: String) -> String {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let answer = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return answer
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return "" }
            buffer.append(contentsOf: chunk)
        }
    }

    func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
