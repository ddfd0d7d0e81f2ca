import Foundation
import MaitreJSON
import Seating
import SeatingService

/// Seeded floors for the offline ceiling's hard case: many overlapping combinations and wide
/// `min...max` ranges (every table and combination seats from half its seats up to all of them),
/// with a dinner's requests over five hours.
///
/// Tables stand in rows of ten (2, 4, 6 or 8 seats); combinations join two or three neighbours in
/// a row, drawn without repeats, so most tables belong to several combinations.
struct DenseFloor {
    let layoutJSON: String
    let floor: Floor
    let requests: [OfflineOptimum.Request]

    init(tables tableCount: Int, combinations combinationCount: Int, requests requestCount: Int, seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let sizes = [2, 2, 4, 4, 4, 6, 6, 8]
        var maxima: [Int] = []
        var tables: [JSONValue] = []
        for index in 0..<tableCount {
            let most = sizes[Int.random(in: 0..<sizes.count, using: &rng)]
            maxima.append(most)
            tables.append(object([
                ("id", .string("D\(index + 1)")), ("min", .int((most + 1) / 2)), ("max", .int(most)),
                ("area", .string("main")), ("x", .int(index % 10 * 2)), ("y", .int(index / 10 * 2)),
            ]))
        }
        // Runs of two or three neighbours within a row of ten.
        var runs: [[Int]] = []
        for first in 0..<tableCount {
            for length in 2...3 where first % 10 + length <= 10 && first + length <= tableCount {
                runs.append(Array(first..<(first + length)))
            }
        }
        runs.shuffle(using: &rng)
        let chosen = runs.prefix(combinationCount).sorted { ($0[0], $0.count) < ($1[0], $1.count) }
        let combinations: [JSONValue] = chosen.map { run in
            let most = run.reduce(0) { $0 + maxima[$1] }
            return object([
                ("id", .string(run.map { "D\($0 + 1)" }.joined(separator: "+"))),
                ("tables", .array(run.map { .string("D\($0 + 1)") })),
                ("min", .int((most + 1) / 2)), ("max", .int(most)),
            ])
        }
        let layout: JSONValue = object([
            ("restaurant", .string("dense")), ("name", .string("Dense floor")), ("timezone", .string("Europe/Paris")),
            ("slotMinutes", .int(15)), ("bufferMinutes", .int(0)),
            ("tables", .array(tables)), ("combinations", .array(combinations)),
            ("turnTimes", .array([
                object([("maxParty", .int(2)), ("minutes", .int(90))]),
                object([("maxParty", .int(4)), ("minutes", .int(105))]),
                object([("maxParty", .int(8)), ("minutes", .int(135))]),
                object([("minutes", .int(165))]),
            ])),
            ("services", .array([object([
                ("name", .string("dinner")), ("days", .array(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { .string($0) })),
                ("first", .string("17:00")), ("last", .string("22:00")), ("end", .string("23:59")),
                ("minParty", .int(1)), ("maxParty", .int(24)),
            ])])),
        ])
        layoutJSON = JSONWriter.string(layout)
        floor = try LayoutCheck.compile(Array(layoutJSON.utf8)).get()
        let largest = floor.units.map(\.max).max() ?? 2
        requests = (0..<requestCount).map { index in
            let time = 17 * 60 + Int.random(in: 0...20, using: &rng) * 15
            let roll = Int.random(in: 0..<100, using: &rng)
            let party = roll < 10 ? 1 : roll < 45 ? 2 : roll < 55 ? 3 : roll < 75 ? 4
                : roll < 87 ? Int.random(in: 5...6, using: &rng) : Int.random(in: 7...min(14, largest), using: &rng)
            let duration = party <= 2 ? 90 : party <= 4 ? 105 : party <= 8 ? 135 : 165
            return OfflineOptimum.Request(id: "q\(index)", time: time, party: party, duration: duration)
        }
    }
}

private func object(_ members: [(String, JSONValue)]) -> JSONValue {
    .object(members.map { JSONMember($0.0, $0.1) })
}
