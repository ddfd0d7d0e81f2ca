import Seating

/// Random but valid layouts and request streams for property tests, as protocol JSON lines.
struct RandomScenario {
    var rng: SeededRandom
    let restaurant = "prop"
    let dates = ["2026-11-20", "2026-11-21", "2026-11-22"]
    var tableIDs: [String] = []
    var layoutJSON = ""
    var serviceWindow = 18 * 60...21 * 60

    init(seed: UInt64) {
        rng = SeededRandom(seed: seed)
        layoutJSON = makeLayout()
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    func time(_ minutes: Int) -> String { ClockTime.format(minutes) }

    mutating func makeLayout() -> String {
        let count = int(2...12)
        var tables: [String] = []
        for index in 0..<count {
            let low = int(1...4), high = low + int(0...4)
            let id = "T\(index)"
            tableIDs.append(id)
            let area = pick(["main", "patio", "bar"])
            let tags = chance(0.3) ? #"["window"]"# : "[]"
            tables.append(#"{"id":"\#(id)","min":\#(low),"max":\#(high),"area":"\#(area)","tags":\#(tags),"reservable":\#(chance(0.85)),"priority":\#(int(0...2))}"#)
        }
        var combos: [String] = []
        var used: Set<Set<String>> = []
        for index in 0..<int(0...4) where count >= 2 {
            let size = min(count, int(2...3))
            let members = Array(tableIDs.shuffled(using: &rng).prefix(size))
            guard used.insert(Set(members)).inserted else { continue }
            let low = int(2...6), high = low + int(0...6)
            combos.append(#"{"id":"C\#(index)","tables":[\#(members.map { "\"\($0)\"" }.joined(separator: ","))],"min":\#(low),"max":\#(high)}"#)
        }
        var services: [String] = []
        let first = int(16...20) * 60 + pick([0, 15, 30])
        let last = first + int(1...20) * 15
        serviceWindow = first...last
        let end = chance(0.5) ? #","end":"\#(time(last + int(30...180)))""# : ""
        let pacing = chance(0.5)
            ? #","pacing":{"intervalMinutes":\#(pick([15, 30, 60])),"maxCovers":\#(int(4...12)),"maxParties":\#(int(1...4))}"# : ""
        services.append(#"{"name":"dinner","first":"\#(time(first))","last":"\#(time(last))"\#(end),"minParty":1,"maxParty":\#(int(2...12)),"slotMinutes":\#(pick([15, 15, 30]))\#(pacing)}"#)
        if chance(0.5) {
            // A late service that runs past midnight on some days.
            services.append(#"{"name":"late","days":["fri","sat"],"first":"23:00","last":"\#(time(24 * 60 + int(0...6) * 15))","minParty":1,"maxParty":6}"#)
        }
        let bands = #"[{"maxParty":2,"minutes":\#(int(30...120))},{"maxParty":4,"minutes":\#(int(45...150))},{"minutes":\#(int(60...180))}]"#
        let overrides = #"[{"days":["sat"],"from":"19:00","to":"21:00","turnTimes":[{"minutes":\#(int(60...200))}]}]"#
        var holds: [String] = []
        if chance(0.4) {
            let held = Array(tableIDs.shuffled(using: &rng).prefix(int(1...2))).map { "\"\($0)\"" }.joined(separator: ",")
            let days = chance(0.5) ? #""days":["fri","sat"],"# : ""
            let from = first + int(0...8) * 15
            holds.append(#"{"name":"tables","tables":[\#(held)],\#(days)"from":"\#(time(from))","to":"\#(time(from + int(1...12) * 15))"}"#)
        }
        if chance(0.5) {
            let area = chance(0.5) ? #","area":"\#(pick(["main", "patio", "bar"]))""# : ""
            let from = first + int(0...8) * 15
            holds.append(#"{"name":"count","count":\#(int(1...3))\#(area),"maxCapacity":\#(int(2...6)),"from":"\#(time(from))","to":"\#(time(from + int(1...12) * 15))"}"#)
        }
        let blocks = chance(0.3)
            ? #"[{"tables":["\#(tableIDs[0])"],"date":"2026-11-21","from":"19:00","to":"21:00"}]"# : "[]"
        // Now is 2026-11-19 09:00 and the dates are the next three days: every rule of the window binds somewhere.
        let window = chance(0.3)
            ? #","bookingWindow":{"minNoticeMinutes":\#(pick([0, 600, 2_000, 3_000])),"horizonDays":\#(pick([1, 2, 30]))}"# : ""
        return #"{"restaurant":"\#(restaurant)","slotMinutes":15,"bufferMinutes":\#(pick([0, 5, 10, 15])),"tables":[\#(tables.joined(separator: ","))],"combinations":[\#(combos.joined(separator: ","))],"turnTimes":\#(bands),"turnTimeOverrides":\#(overrides),"services":[\#(services.joined(separator: ","))],"holds":[\#(holds.joined(separator: ","))],"blocks":\#(blocks)\#(window)}"#
    }

    /// A random request line; `bookings` are ids handed out so far.
    mutating func request(bookings: [String], keys: [String]) -> String {
        let date = pick(dates)
        // Mostly inside the dinner service (where contention is), sometimes anywhere or off-grid.
        let minutes = chance(0.8)
            ? serviceWindow.lowerBound + int(0...(serviceWindow.count - 1) / 15) * 15
            : int(16 * 4...25 * 4) * 15 + (chance(0.2) ? int(1...14) : 0)
        let party = chance(0.03) ? int(10...30) : int(1...6)
        let channel = pick(["online", "online", "online", "host"])
        switch int(0...21) {
        case 0...3:
            return #"{"op":"availability","restaurant":"\#(restaurant)","date":"\#(date)","time":"\#(time(minutes))","party":\#(party),"channel":"\#(channel)"}"#
        case 4...14:
            let key = !keys.isEmpty && chance(0.15) ? pick(keys) : "k\(int(0...1_000_000))"
            let tables = chance(0.15) ? #","tables":["\#(pick(tableIDs))"]"# : ""
            let duration = chance(0.2) ? #","duration":\#(int(15...240))"# : ""
            return #"{"op":"book","restaurant":"\#(restaurant)","date":"\#(date)","time":"\#(time(minutes))","party":\#(party),"channel":"\#(channel)","idempotencyKey":"\#(key)"\#(tables)\#(duration)}"#
        case 15...17 where !bookings.isEmpty:
            var fields: [String] = []
            if chance(0.5) { fields.append(#""time":"\#(time(minutes))""#) }
            if chance(0.4) { fields.append(#""party":\#(party)"#) }
            if chance(0.2) { fields.append(#""date":"\#(date)""#) }
            if chance(0.1) { fields.append(#""tables":["\#(pick(tableIDs))"]"#) }
            if chance(0.2) { fields.append(#""duration":\#(int(15...240))"#) }
            let extra = fields.isEmpty ? "" : "," + fields.joined(separator: ",")
            return #"{"op":"modify","booking":"\#(pick(bookings))"\#(extra)}"#
        case 18 where !bookings.isEmpty:
            return #"{"op":"cancel","booking":"\#(pick(bookings))"}"#
        case 19...21:
            switch int(0...4) {
            case 0, 1:
                let seat = chance(0.8) ? "" : #","seat":false"#
                return #"{"op":"walkin","restaurant":"\#(restaurant)","date":"\#(date)","time":"\#(time(minutes + (chance(0.3) ? int(1...14) : 0)))","party":\#(party)\#(seat)}"#
            case 2 where !bookings.isEmpty:
                let tables = chance(0.2) ? #","tables":["\#(pick(tableIDs))"]"# : ""
                let arrival = chance(0.7) ? #","time":"\#(time(minutes))""# : ""
                return #"{"op":"seat","booking":"\#(pick(bookings))"\#(arrival)\#(tables)}"#
            case 3 where !bookings.isEmpty:
                return #"{"op":"finish","booking":"\#(pick(bookings))","time":"\#(time(minutes + int(1...12) * 15))"}"#
            default:
                guard !bookings.isEmpty else { return #"{"op":"ping"}"# }
                return #"{"op":"noshow","booking":"\#(pick(bookings))"}"#
            }
        default:
            return #"{"op":"day","restaurant":"\#(restaurant)","date":"\#(date)"}"#
        }
    }
}
