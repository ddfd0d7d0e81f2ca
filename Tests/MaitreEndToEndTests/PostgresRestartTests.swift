import Foundation
import MaitreJSON
import PostgresTestSupport
import Seating
import Testing

/// A `maitre serve` on PostgreSQL whose server crashes and comes back: while it is down every
/// request is answered `unavailable` (retryable; the process stays up), after it
/// is back the same process serves again, and nothing it acknowledged was lost.
@Suite(.enabled(if: PostgresCluster.shared != nil, "no PostgreSQL server could be started here"))
struct PostgresRestartTests {
    @Test func aServerCrashIsAnsweredUnavailableAndTheServiceResumes() throws {
        let cluster = try PostgresCluster.start()   // its own server: this test kills it
        defer { cluster.stop() }
        let db = try cluster.createDatabase()
        #expect(try ServeProcess.run([Workload.put()], arguments: ["serve", "--db", db]).first?["ok"] == true)
        var rng = SeededRandom(seed: 23)
        let before = Workload.bookings(count: 20, prefix: "before", using: &rng)
        let during = Workload.bookings(count: 5, prefix: "during", using: &rng)
        let after = Workload.bookings(count: 20, prefix: "after", using: &rng)

        let child = try ServeProcess(arguments: ["serve", "--db", db])
        var acknowledged: [String: String] = [:]   // idempotency key -> booking id
        func exchange(_ requests: [String]) throws -> [JSONValue] {
            child.send(requests)
            return try requests.map { _ in try JSONParser.parse(Array(#require(child.readLine()).utf8)) }
        }
        func record(_ responses: [JSONValue]) {
            for response in responses {
                if let booking = response["result"]?["booking"], let key = booking["idempotencyKey"]?.stringValue {
                    acknowledged[key] = booking["id"]?.stringValue
                }
            }
        }
        let first = try exchange(before)
        #expect(first.allSatisfy { $0["error"]?["code"]?.stringValue != "internal" }, "\(first)")
        record(first)

        try cluster.kill()
        let down = try exchange(during)
        for response in down {
            #expect(response["error"]?["code"]?.stringValue == "unavailable", "\(response)")
            #expect(response["error"]?["retryable"] == true)
        }

        try cluster.startServer()
        let back = try exchange(during + after)
        #expect(back.allSatisfy { $0["error"]?["code"]?.stringValue != "internal" }, "\(back)")
        record(back)
        #expect(child.finish().isEmpty)

        let stored = try Workload.day(db: db)
        let storedKeys = Dictionary(stored.map { ($0["idempotencyKey"]!.stringValue!, $0["id"]!.stringValue!) },
                                    uniquingKeysWith: { a, _ in a })
        for (key, id) in acknowledged { #expect(storedKeys[key] == id, "acknowledged \(key) as \(id)") }
        #expect(storedKeys.count == acknowledged.count, "nothing stored that was not acknowledged")
        #expect(Workload.overlaps(stored).isEmpty)
        #expect(acknowledged.count >= 25, "the service booked after the restart (\(acknowledged.count) bookings)")
    }
}
