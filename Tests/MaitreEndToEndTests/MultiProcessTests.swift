import Foundation
import MaitreJSON
import Seating
import Testing

/// Several `maitre serve` processes on one database (a SQLite file, or PostgreSQL) never double-book.
@Suite struct MultiProcessTests {
    static var processes: Int { ProcessInfo.processInfo.environment["MAITRE_LONG"] == "1" ? 8 : 4 }
    static var perProcess: Int { ProcessInfo.processInfo.environment["MAITRE_LONG"] == "1" ? 400 : 60 }

    @Test(arguments: SharedDatabase.available)
    func concurrentProcessesNeverShareATableMinute(_ database: SharedDatabase) throws {
        let (db, remove) = try database.make()
        defer { remove() }
        #expect(try ServeProcess.run([Workload.put()], arguments: ["serve", "--db", db]).first?["ok"] == true)
        var rng = SeededRandom(seed: 7)
        let processes = Self.processes
        let shared = Workload.bookings(count: 20, prefix: "shared", using: &rng)   // every process sends these too
        var streams: [[String]] = []
        for index in 0..<processes {
            streams.append((Workload.bookings(count: Self.perProcess, prefix: "p\(index)", using: &rng) + shared).shuffled(using: &rng))
        }
        let children = try streams.map { _ in try ServeProcess(arguments: ["serve", "--db", db]) }
        for (child, stream) in zip(children, streams) { child.send(stream) }
        let outputs = children.map { $0.finish() }

        var acknowledged: [String: String] = [:]     // booking id -> tables
        var sharedIDs: [String: Set<String>] = [:]   // shared key -> ids answered
        var movedTo: [String: Set<String>] = [:]    // booking id -> tables a reshuffle moved it to
        var moves = 0
        var answered = 0
        for (stream, output) in zip(streams, outputs) {
            #expect(output.count == stream.count, "one response per request")
            for (request, line) in zip(stream, output) {
                let response = try JSONParser.parse(Array(line.utf8))
                #expect(response["error"]?["code"]?.stringValue != "internal", "\(line)")
                for move in response["result"]?["moved"]?.arrayValue ?? [] {
                    movedTo[move["booking"]!.stringValue!, default: []].insert(JSONWriter.string(move["to"]!))
                    moves += 1
                }
                guard let booking = response["result"]?["booking"], let id = booking["id"]?.stringValue else { continue }
                answered += 1
                acknowledged[id] = JSONWriter.string(booking["tables"]!)
                if request.contains(#""id":"shared-"#), let key = booking["idempotencyKey"]?.stringValue {
                    sharedIDs[key, default: []].insert(id)
                }
            }
        }
        let stored = try Workload.day(db: db)
        #expect(Workload.overlaps(stored).isEmpty, "overlaps: \(Workload.overlaps(stored))")
        let storedIDs = Dictionary(stored.map { ($0["id"]!.stringValue!, JSONWriter.string($0["tables"]!)) }, uniquingKeysWith: { a, _ in a })
        #expect(stored.count == storedIDs.count, "no booking stored twice")
        for (id, tables) in acknowledged {
            let stored = storedIDs[id]
            #expect(stored == tables || (stored.map { movedTo[id]?.contains($0) == true } ?? false),
                    "acknowledged \(id) on \(tables) must be stored there or where a reported move put it (\(stored ?? "missing"))")
        }
        #expect(storedIDs.count == acknowledged.count, "nothing stored that was not acknowledged")
        #expect(sharedIDs.values.allSatisfy { $0.count == 1 }, "a key shared by processes is one booking: \(sharedIDs)")
        #expect(acknowledged.count >= 60, "the day really filled up (\(acknowledged.count) bookings)")
        print("concurrency (\(database)): \(processes) processes, \(streams.map(\.count).reduce(0, +)) requests, \(answered) booking answers, \(acknowledged.count) distinct bookings, \(moves) reshuffle moves, \(Workload.overlaps(stored).count) overlaps")
    }
}
