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

/// A `maitre serve` killed with SIGKILL mid-stream loses nothing it acknowledged.
@Suite struct CrashTests {
    static var rounds: Int { ProcessInfo.processInfo.environment["MAITRE_LONG"] == "1" ? 200 : 6 }

    @Test(arguments: SharedDatabase.available)
    func killedProcessKeepsEveryAcknowledgedBookingExactlyOnce(_ database: SharedDatabase) throws {
        let (db, remove) = try database.make()
        defer { remove() }
        #expect(try ServeProcess.run([Workload.put()], arguments: ["serve", "--db", db]).first?["ok"] == true)
        var rng = SeededRandom(seed: UInt64(ProcessInfo.processInfo.environment["MAITRE_SEED"].flatMap(UInt64.init) ?? 11))
        var acknowledged: [String: (request: String, id: String)] = [:]   // key -> first answer
        var sentKeys: [String: String] = [:]                                // key -> request
        var kills = 0
        var dates: Set<String> = []
        for round in 0..<Self.rounds {
            // Each round books its own date (of 60), so most requests commit and the kill lands mid-write.
            let date = ServiceDate("2026-11-20")!.adding(days: round % 60)!.description
            dates.insert(date)
            let requests = Workload.bookings(count: 40, prefix: "r\(round)", date: date, using: &rng)
            for request in requests { sentKeys[String(request.split(separator: "\"")[3])] = request }
            let child = try ServeProcess(arguments: ["serve", "--db", db])
            child.send(requests)
            let readBeforeKill = Int.random(in: 0...requests.count, using: &rng)
            for index in 0..<readBeforeKill {
                guard let line = child.readLine() else { break }
                let response = try JSONParser.parse(Array(line.utf8))
                if let id = response["result"]?["booking"]?["id"]?.stringValue {
                    let key = String(requests[index].split(separator: "\"")[3])
                    acknowledged[key] = (requests[index], id)
                }
            }
            child.kill()
            kills += 1
        }
        // Restart: every acknowledged booking replays as itself; nothing is stored twice or half.
        let keys = acknowledged.keys.sorted()
        let replays = try ServeProcess.run(keys.map { acknowledged[$0]!.request }, arguments: ["serve", "--db", db])
        for (key, response) in zip(keys, replays) {
            #expect(response["result"]?["booking"]?["id"]?.stringValue == acknowledged[key]!.id, "\(key) after restart")
            #expect(response["result"]?["replayed"] == true)
        }
        var stored: [JSONValue] = []
        for date in dates.sorted() {
            let day = try Workload.day(db: db, date: date)
            #expect(Workload.overlaps(day).isEmpty, "overlaps on \(date)")
            stored += day
        }
        let ids = stored.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == ids.count, "no booking stored twice")
        let storedKeys = Set(stored.compactMap { $0["idempotencyKey"]?.stringValue })
        #expect(storedKeys.count == stored.count, "every stored booking has its own key")
        #expect(storedKeys.isSuperset(of: keys), "every acknowledged booking is stored")
        #expect(storedKeys.isSubset(of: Set(sentKeys.keys)), "nothing stored that was never sent")
        let lost = keys.filter { !storedKeys.contains($0) }.count
        print("crash (\(database)): \(kills) SIGKILLs, \(sentKeys.count) requests sent, \(acknowledged.count) acknowledged, \(stored.count) stored, \(lost) lost")
    }
}
