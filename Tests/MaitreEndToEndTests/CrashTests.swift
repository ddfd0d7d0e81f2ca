import Foundation
import MaitreJSON
import Seating
import Testing

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
