import Seating

/// A small random floor and day with a party greedy may not seat: tables, combinations, a count
/// hold, a table hold, a block, locked and seated bookings, online and host parties.
struct RandomFloor: CustomStringConvertible {
    static let date = ServiceDate("2026-11-17")!
    let floor: Floor
    let day: DayState
    let query: SeatingQuery

    /// `identical`: four to six tables of two shapes, so most have twins (pools of identical
    /// tables, `TablePools`); else three to five tables of random shapes.
    init(rng: inout SeededRandom, identical: Bool = false) {
        func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        let count = identical ? int(4...6) : int(3...5)
        var tables: [Table] = []
        for index in 0..<count {
            let low = identical ? 1 + int(0...1) : int(1...2)
            tables.append(Table(id: "T\(index)", min: low, max: identical ? 2 * low : low + int(1...4),
                                area: int(0...2) == 0 ? "patio" : "main", reservable: identical || int(0...9) > 0))
        }
        var combinations: [Combination] = []
        if int(0...1) == 1 { combinations.append(Combination(id: "C01", tables: ["T0", "T1"], min: 3, max: 4 + int(0...4))) }
        if int(0...2) == 0 { combinations.append(Combination(id: "C12", tables: ["T1", "T2"], min: 4, max: 6 + int(0...2))) }
        var holds: [Hold] = []
        if int(0...1) == 1 {
            holds.append(Hold(name: "count", kind: .count(int(1...2), area: "main", minCapacity: nil, maxCapacity: int(2...5)),
                              from: 18 * 60 + 30 * int(0...2), to: 20 * 60 + 30 * int(0...3)))
        }
        if int(0...3) == 0 { holds.append(Hold(name: "tables", kind: .tables(["T\(int(0...count - 1))"]), from: 20 * 60, to: 21 * 60)) }
        let blocks = int(0...3) == 0 ? [Block(tables: ["T\(int(0...count - 1))"], date: Self.date, from: 19 * 60, to: 20 * 60)] : []
        let layout = Layout(restaurant: "r", tables: tables, combinations: combinations,
                            turnTimes: TurnTimes(bands: [.init(maxParty: 2, minutes: 60), .init(minutes: 90)]),
                            services: [Service(name: "dinner", first: 18 * 60, last: 22 * 60)], holds: holds, blocks: blocks)
        let floor = try! Floor(layout)
        var day = DayState(floor: floor, date: Self.date, bookings: [])
        for index in 0..<(identical ? int(5...9) : int(3...7)) {
            let start = 18 * 60 + 30 * int(0...6), party = int(1...5)
            let duration = party <= 2 ? 60 : 90
            let outcome = GreedyBestFit.choose(floor: floor, day: day, party: party, from: start, to: start + duration, area: nil,
                                               tags: [], channel: .host)
            guard let unit = outcome.unit else { continue }
            let roll = int(0...9)
            day.upsert(Booking(id: "b\(index)", restaurant: "r", date: Self.date, start: start, duration: duration, party: party,
                               tables: floor.units[unit].tableIDs, status: roll == 0 ? .seated : .booked,
                               channel: int(0...2) == 0 ? .host : .online, locked: roll <= 1))
        }
        self.floor = floor
        self.day = day
        query = SeatingQuery(date: Self.date, time: 18 * 60 + 15 * int(0...12), party: int(1...6), channel: int(0...4) == 0 ? .host : .online)
    }

    var description: String {
        "query \(query.party) at \(ClockTime.format(query.time)) \(query.channel); tables "
            + floor.units.map { "\($0.id) \($0.min)-\($0.max)\($0.reservable ? "" : " walk-in")" }.joined(separator: ", ")
            + "; bookings " + day.bookings.values.sorted { $0.id < $1.id }
            .map { "\($0.id) \($0.party) \(ClockTime.format($0.start))-\(ClockTime.format($0.end)) \($0.tables) \($0.status) \($0.channel)\($0.locked ? " locked" : "")" }
            .joined(separator: ", ")
            + "; holds \(floor.layout.holds.map { "\($0.name) \($0.kind) \($0.from)-\($0.to)" }); blocks \(floor.layout.blocks.map(\.tables))"
    }
}

/// An independent statement of the re-assignment question, by enumeration and minute by minute:
/// can every booked, unlocked booking keep its time and take some table (unchanged bookings stay
/// valid as made; moved ones and the new party obey their channel's rules) so the party sits?
enum BruteForceReassignment {
    struct Item {
        var id: String
        var party: Int
        var start: Int
        var end: Int
        var channel: Booking.Channel
        var current: [String]?
        var options: [[String]]
    }

    static func items(floor: Floor, day: DayState, query: SeatingQuery) -> (items: [Item], fixed: [Booking]) {
        let duration = query.duration ?? floor.layout.turnTimes.minutes(party: query.party, weekday: query.date.weekday, start: query.time)
        var items: [Item] = []
        var fixed: [Booking] = []
        let tablesOf = floor.units.map(\.tableIDs)
        for booking in day.bookings.values.sorted(by: { $0.id < $1.id }) where booking.status.occupiesTables {
            guard booking.status == .booked, !booking.locked else { fixed.append(booking); continue }
            let options = floor.units.indices.filter { floor.units[$0].fits(booking.party) && (floor.units[$0].reservable || tablesOf[$0] == booking.tables) }
                .map { tablesOf[$0] }
            items.append(Item(id: booking.id, party: booking.party, start: booking.start, end: booking.end + floor.layout.bufferMinutes,
                              channel: booking.channel, current: booking.tables, options: options))
        }
        let options = floor.units.indices.filter { floor.units[$0].fits(query.party) && floor.units[$0].reservable }.map { tablesOf[$0] }
        items.append(Item(id: "new", party: query.party, start: query.time, end: query.time + duration + floor.layout.bufferMinutes,
                          channel: query.channel, current: nil, options: options))
        return (items, fixed)
    }

    static func exists(floor: Floor, day: DayState, query: SeatingQuery) -> Bool {
        let (items, fixed) = items(floor: floor, day: day, query: query)
        var chosen: [[String]] = []
        func search(_ index: Int) -> Bool {
            if index == items.count { return valid(floor: floor, items: items, chosen: chosen, fixed: fixed) }
            for option in items[index].options {
                let item = items[index]
                let clash = fixed.contains { other in other.tables.contains(where: option.contains) && other.start < item.end && item.start < other.end + floor.layout.bufferMinutes }
                    || zip(items, chosen).contains { other, tables in tables.contains(where: option.contains) && other.start < item.end && item.start < other.end }
                guard !clash else { continue }
                chosen.append(option)
                if search(index + 1) { return true }
                chosen.removeLast()
            }
            return false
        }
        return search(0)
    }

    static func keepsEveryRule(floor: Floor, day: DayState, query: SeatingQuery, plan: Reshuffle.Plan) -> Bool {
        let (items, fixed) = items(floor: floor, day: day, query: query)
        let chosen = items.map { item in
            item.id == "new" ? plan.placement.tables : (plan.moves.first { $0.booking == item.id }?.to ?? item.current!)
        }
        let noClash = items.indices.allSatisfy { a in
            items[a].options.contains(chosen[a]) && fixed.allSatisfy { other in
                !(other.tables.contains(where: chosen[a].contains) && other.start < items[a].end && items[a].start < other.end + floor.layout.bufferMinutes)
            } && items.indices.allSatisfy { b in
                b <= a || !(chosen[b].contains(where: chosen[a].contains) && items[b].start < items[a].end && items[a].start < items[b].end)
            }
        }
        return noClash && valid(floor: floor, items: items, chosen: chosen, fixed: fixed)
    }

    /// Holds, blocks and channels of the new party and of every moved booking, minute by minute.
    static func valid(floor: Floor, items: [Item], chosen: [[String]], fixed: [Booking]) -> Bool {
        let layout = floor.layout
        func blocked(_ table: String, _ minute: Int) -> Bool {
            layout.blocks.contains { $0.tables.contains(table) && $0.from <= minute && minute < $0.to }
        }
        for (index, item) in items.enumerated() where item.current != chosen[index] {
            for minute in item.start..<item.end where chosen[index].contains(where: { blocked($0, minute) }) { return false }
            guard item.channel != .walkIn else { continue }
            for hold in layout.holds {
                switch hold.kind {
                case .tables(let ids):
                    if chosen[index].contains(where: ids.contains), item.start < hold.to, hold.from < item.end { return false }
                case .count(let count, let area, let low, let high):
                    guard item.channel == .online else { continue }
                    let matching = layout.tables.filter { (area == nil || $0.area == area) && $0.max >= (low ?? 0) && $0.max <= (high ?? .max) }.map(\.id)
                    guard chosen[index].contains(where: matching.contains), item.start < hold.to, hold.from < item.end else { continue }
                    for minute in max(item.start, hold.from)..<min(item.end, hold.to) {
                        let free = matching.filter { table in
                            !blocked(table, minute)
                                && !fixed.contains { $0.channel != .walkIn && $0.tables.contains(table) && $0.start <= minute && minute < $0.end + layout.bufferMinutes }
                                && !zip(items, chosen).contains { other, tables in other.channel != .walkIn && tables.contains(table) && other.start <= minute && minute < other.end }
                        }.count
                        if free < count { return false }
                    }
                }
            }
        }
        return true
    }
}
