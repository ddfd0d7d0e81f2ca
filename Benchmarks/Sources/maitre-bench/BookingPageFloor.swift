import Foundation
import MaitreJSON
import Seating
import SeatingService

/// A seeded random restaurant for the booking-page benchmark (`--booking-page`): the kind of floor
/// an owner sets up, so that the benchmark measures more floors than the two fixtures.
///
/// 20-70 tables of 2, 4, 6 or 8 seats (each seats from about half its seats; two-tops from one
/// guest on some) in a main room and a terrace, on some seeds a bar of 3-6 high-top two-tops; 2-3
/// neighbouring tables of a row joined as combinations (a third to a half as many combinations as
/// tables, each with its own min and max); turn times by party size (2: 90, 4: 105, 6: 120, more:
/// 150 minutes); one dinner service every day, 17:30-22:00 seatings, ending 23:30, parties of up to
/// 10-12 online, paced per 15 minutes (20-35 % of the seats, about a quarter of the tables); a count
/// hold on 1-2 small main-room tables at prime time (19:00-20:30); on some seeds a table hold on
/// 1-2 bar tables for walk-ins, and on some 1-2 tables blocked 19:00-21:00 on `date`.
struct BookingPageFloor {
    let seed: UInt64
    let restaurant: String
    let date: ServiceDate
    /// The layout document on one line, as `layout.put` takes it.
    let layoutJSON: String
    let tableCount: Int
    let combinationCount: Int
    /// What the draw put on the floor beyond tables and combinations (holds, blocks), for labels.
    let features: [String]

    init(seed: UInt64, date: ServiceDate) {
        var rng = SeededRandom(seed: 0xB00C_1A6E &+ seed)
        self.seed = seed
        self.date = date
        restaurant = "page-\(seed)"

        let tableCount = Int.random(in: 20...70, using: &rng)
        let barCount = Bool.random(using: &rng) ? Int.random(in: 3...6, using: &rng) : 0
        let dining = tableCount - barCount
        let mainCount = Int((Double(dining) * Double.random(in: 0.5...0.7, using: &rng)).rounded())
        let rooms: [(area: String, prefix: String, count: Int)] = [("main", "M", mainCount), ("terrace", "T", dining - mainCount)]
            + (barCount > 0 ? [("bar", "B", barCount)] : [])

        // Tables in rows of eight per area; `rows` keeps each row's dining tables for combinations.
        var tables: [JSONValue] = []
        var maxima: [String: Int] = [:]
        var rows: [[String]] = []
        var smallMain: [String] = []
        for (areaIndex, room) in rooms.enumerated() {
            for index in 0..<room.count {
                let id = "\(room.prefix)\(index + 1)"
                let most: Int, least: Int
                if room.area == "bar" {
                    (most, least) = (2, 1)
                } else {
                    let roll = Int.random(in: 0..<100, using: &rng)
                    most = roll < 30 ? 2 : roll < 70 ? 4 : roll < 90 ? 6 : 8
                    least = most == 2 ? Int.random(in: 1...2, using: &rng) : most / 2 + Int.random(in: 0...(most >= 6 ? 1 : 0), using: &rng)
                }
                maxima[id] = most
                if room.area == "main", most <= 4 { smallMain.append(id) }
                if room.area != "bar" {
                    if index % 8 == 0 { rows.append([]) }
                    rows[rows.count - 1].append(id)
                }
                tables.append(object([
                    ("id", .string(id)), ("min", .int(least)), ("max", .int(most)), ("area", .string(room.area)),
                    ("tags", .array(room.area == "bar" ? [.string("high-top")] : [])),
                    ("x", .int(areaIndex * 20 + index % 8 * 2)), ("y", .int(index / 8 * 2)),
                ]))
            }
        }

        // Combinations: runs of two (most) or three neighbours within a row, drawn without repeats.
        var pairs: [[String]] = [], triples: [[String]] = []
        for row in rows {
            for first in row.indices {
                if first + 2 <= row.count { pairs.append(Array(row[first..<(first + 2)])) }
                if first + 3 <= row.count { triples.append(Array(row[first..<(first + 3)])) }
            }
        }
        pairs.shuffle(using: &rng)
        triples.shuffle(using: &rng)
        let wanted = Int((Double(tableCount) * Double.random(in: (1.0 / 3)...0.5, using: &rng)).rounded())
        var runs: [[String]] = []
        while runs.count < wanted, !(pairs.isEmpty && triples.isEmpty) {
            let triple = !triples.isEmpty && (pairs.isEmpty || Int.random(in: 0..<100, using: &rng) < 30)
            runs.append(triple ? triples.removeLast() : pairs.removeLast())
        }
        let combinations: [JSONValue] = runs.map { run in
            // A seat or two lost where the tables meet.
            let most = run.reduce(0) { $0 + maxima[$1]! } - Int.random(in: 0...(run.count - 1), using: &rng)
            return object([
                ("id", .string(run.joined(separator: "+"))), ("tables", .array(run.map { .string($0) })),
                ("min", .int(max(3, (most + 1) / 2))), ("max", .int(most)),
            ])
        }

        let seats = maxima.values.reduce(0, +)
        let pacing = object([
            ("intervalMinutes", .int(15)),
            ("maxCovers", .int(Int((Double(seats) * Double.random(in: 0.20...0.35, using: &rng)).rounded()))),
            ("maxParties", .int(max(3, Int((Double(tableCount) * Double.random(in: 0.2...0.3, using: &rng)).rounded())))),
        ])
        let service = object([
            ("name", .string("dinner")), ("first", .string("17:30")), ("last", .string("22:00")), ("end", .string("23:30")),
            ("minParty", .int(1)), ("maxParty", .int(Int.random(in: 10...12, using: &rng))), ("pacing", pacing),
        ])

        var features: [String] = []
        let countHeld = min(Int.random(in: 1...2, using: &rng), smallMain.count)
        var holds: [JSONValue] = []
        if countHeld > 0 {
            holds.append(object([
                ("name", .string("prime-time buffer")), ("count", .int(countHeld)), ("area", .string("main")),
                ("minCapacity", .int(2)), ("maxCapacity", .int(4)), ("from", .string("19:00")), ("to", .string("20:30")),
            ]))
            features.append("count hold \(countHeld)")
        }
        if barCount > 0, Int.random(in: 0..<3, using: &rng) > 0 {
            let held = (1...Int.random(in: 1...2, using: &rng)).map { "B\($0)" }
            holds.append(object([
                ("name", .string("bar walk-ins")), ("tables", .array(held.map { .string($0) })),
                ("from", .string("18:00")), ("to", .string("22:00")),
            ]))
            features.append("bar hold \(held.count)")
        }
        var blocks: [JSONValue] = []
        if Int.random(in: 0..<100, using: &rng) < 40 {
            let dinings = rows.flatMap { $0 }
            let blocked = Array(dinings.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng)))
            blocks.append(object([
                ("tables", .array(blocked.map { .string($0) })), ("date", .string(date.description)),
                ("from", .string("19:00")), ("to", .string("21:00")), ("reason", .string("private party")),
            ]))
            features.append("\(blocked.count) blocked")
        }

        let layout = object([
            ("restaurant", .string(restaurant)), ("name", .string("Booking page floor \(seed)")),
            ("timezone", .string("Europe/Paris")), ("slotMinutes", .int(15)), ("bufferMinutes", .int(5)),
            ("tables", .array(tables)), ("combinations", .array(combinations)),
            ("turnTimes", .array([
                object([("maxParty", .int(2)), ("minutes", .int(90))]),
                object([("maxParty", .int(4)), ("minutes", .int(105))]),
                object([("maxParty", .int(6)), ("minutes", .int(120))]),
                object([("minutes", .int(150))]),
            ])),
            ("services", .array([service])), ("holds", .array(holds)), ("blocks", .array(blocks)),
        ])
        layoutJSON = JSONWriter.string(layout)
        self.tableCount = tableCount
        combinationCount = combinations.count
        self.features = features
    }
}

private func object(_ members: [(String, JSONValue)]) -> JSONValue {
    .object(members.map { JSONMember($0.0, $0.1) })
}
