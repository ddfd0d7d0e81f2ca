import Seating
import Testing

@Suite struct OfflineOptimumTests {
    /// A cap no test reaches: answers that must be exact cannot depend on the machine's speed.
    static let unhurried = 600_000

    /// The best covers by trying every assignment (each request: a unit or none).
    static func bruteForce(floor: Floor, requests: [OfflineOptimum.Request]) -> Int {
        let buffer = floor.layout.bufferMinutes
        var best = 0
        func go(_ index: Int, _ taken: [(table: Int, from: Int, to: Int)], _ covers: Int) {
            if index == requests.count { best = max(best, covers); return }
            let request = requests[index]
            go(index + 1, taken, covers)
            let from = request.time, to = request.time + request.duration + buffer
            for unit in floor.units.indices where floor.units[unit].fits(request.party) && floor.units[unit].reservable {
                let members = floor.units[unit].members
                let clash = taken.contains { members.contains($0.table) && $0.from < to && from < $0.to }
                guard !clash else { continue }
                go(index + 1, taken + members.map { ($0, from, to) }, covers + request.party)
            }
        }
        go(0, [], 0)
        return best
    }

    @Test func matchesBruteForceOnSmallRandomInstances() {
        var rng = SeededRandom(seed: 99)
        for instance in 0..<40 {
            let tableCount = Int.random(in: 2...4, using: &rng)
            let tables = (0..<tableCount).map { Table(id: "T\($0)", min: 1, max: Int.random(in: 2...4, using: &rng)) }
            let combinations = tableCount >= 2 && Bool.random(using: &rng)
                ? [Combination(id: "C", tables: ["T0", "T1"], min: 3, max: tables[0].max + tables[1].max)] : []
            let floor = try! Floor(Layout(restaurant: "r", bufferMinutes: [0, 15].randomElement(using: &rng)!, tables: tables,
                                          combinations: combinations, services: [Service(name: "d", first: 18 * 60, last: 22 * 60)]))
            let requests = (0..<Int.random(in: 3...7, using: &rng)).map { index in
                OfflineOptimum.Request(id: "r\(index)", time: 18 * 60 + 30 * Int.random(in: 0...6, using: &rng),
                                       party: Int.random(in: 1...6, using: &rng), duration: 30 * Int.random(in: 2...4, using: &rng))
            }
            let result = OfflineOptimum.solve(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests, timeLimitMilliseconds: Self.unhurried)
            #expect(result.covers == Self.bruteForce(floor: floor, requests: requests), "instance \(instance)")
            #expect(result.covers >= result.greedyCovers)
            #expect(result.coversBound >= result.covers)
        }
    }

    @Test func matchesBruteForceWithOverlappingCombinationsAndWideRanges() {
        // The dense floors of the README's ceiling benchmark, small enough for brute force: every
        // table and combination seats from half its seats up to all of them, and combinations of
        // neighbours overlap (a table in two or three). The dominated choices the program leaves
        // out (a combination where one of its tables alone fits with less waste) and the
        // covers-only objective must keep the optimum.
        var rng = SeededRandom(seed: 2026)
        for instance in 0..<60 {
            let floor = TestFloors.dense(&rng, tables: 3...4, seats: [2, 2, 4, 6], combinations: 1...3)
            let requests = (0..<Int.random(in: 4...7, using: &rng)).map { index in
                OfflineOptimum.Request(id: "r\(index)", time: 18 * 60 + 30 * Int.random(in: 0...4, using: &rng),
                                       party: Int.random(in: 1...12, using: &rng), duration: 30 * Int.random(in: 2...4, using: &rng))
            }
            let result = OfflineOptimum.solve(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests, timeLimitMilliseconds: Self.unhurried)
            let best = Self.bruteForce(floor: floor, requests: requests)
            #expect(result.covers == best, "instance \(instance)")
            #expect(result.coversBound == result.covers, "instance \(instance): proven within the cap")
            #expect(Self.isValid(result, floor: floor, requests: requests), "instance \(instance)")
            // Capped by work (the simulator's way: dives and branch-and-bound only): the same optimum.
            let capped = OfflineOptimum.solve(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests,
                                              timeLimitMilliseconds: Self.unhurried, nodeLimit: 1_000)
            #expect(capped.covers == best && capped.coversBound == best, "instance \(instance), node limit")
            #expect(Self.isValid(capped, floor: floor, requests: requests), "instance \(instance), node limit")
        }
    }

    /// Whether no two active bookings share a table-minute (buffer included), checked pairwise.
    static func noTableShared(_ day: DayState, floor: Floor) -> Bool {
        let bookings = day.activeBookings
        let buffer = floor.layout.bufferMinutes
        for (index, a) in bookings.enumerated() {
            for b in bookings[(index + 1)...] where !Set(a.tables).isDisjoint(with: b.tables) {
                if a.start < b.start + b.duration + buffer && b.start < a.start + a.duration + buffer { return false }
            }
        }
        return true
    }

    /// Independent check of a plan: every seated request is on one reservable table or
    /// combination that fits its party, and no table holds two requests at once (buffer included).
    static func isValid(_ result: OfflineOptimum.Result, floor: Floor, requests: [OfflineOptimum.Request]) -> Bool {
        let buffer = floor.layout.bufferMinutes
        var busy: [String: [(Int, Int)]] = [:]
        var covers = 0
        for request in requests {
            guard let tables = result.seated[request.id] else { continue }
            guard let unit = floor.units.first(where: { $0.tableIDs == tables }), unit.reservable, unit.fits(request.party) else { return false }
            let span = (request.time, request.time + request.duration + buffer)
            for table in tables {
                if busy[table, default: []].contains(where: { $0.0 < span.1 && span.0 < $0.1 }) { return false }
                busy[table, default: []].append(span)
            }
            covers += request.party
        }
        return covers == result.covers && result.seated.count <= requests.count
    }

    @Test func matchesBruteForceWithIdenticalTablesAndRequests() {
        // Identical tables become one capacity class and identical requests one request type with
        // a count: both aggregations must stay exact.
        var rng = SeededRandom(seed: 7)
        for instance in 0..<25 {
            let shapes = [(1, 2), (2, 4), (2, 4), (2, 4), (4, 6)]
            let tables = (0..<Int.random(in: 3...5, using: &rng)).map { Table(id: "T\($0)", min: shapes[$0].0, max: shapes[$0].1) }
            let floor = try! Floor(Layout(restaurant: "r", bufferMinutes: 15, tables: tables,
                                          services: [Service(name: "d", first: 18 * 60, last: 22 * 60)]))
            var requests: [OfflineOptimum.Request] = []
            while requests.count < 7 {
                let request = OfflineOptimum.Request(id: "r\(requests.count)", time: 18 * 60 + 30 * Int.random(in: 0...4, using: &rng),
                                                     party: Int.random(in: 1...6, using: &rng), duration: 90)
                for copy in 0..<min(7 - requests.count, Int.random(in: 1...3, using: &rng)) {
                    requests.append(OfflineOptimum.Request(id: "r\(requests.count)", time: request.time, party: request.party,
                                                           duration: request.duration + 0 * copy))
                }
            }
            let result = OfflineOptimum.solve(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests, timeLimitMilliseconds: Self.unhurried)
            #expect(result.covers == Self.bruteForce(floor: floor, requests: requests), "instance \(instance)")
            #expect(result.coversBound == result.covers, "instance \(instance): the relaxation is tight on these")
            #expect(Self.isValid(result, floor: floor, requests: requests), "instance \(instance)")
        }
    }

    @Test func aBusyEveningIsValidAndWithinTheBound() throws {
        // 24 tables: classes of identical tables, four pairs of four-tops that combine, a block.
        var tables: [Table] = []
        for index in 0..<8 { tables.append(Table(id: "D\(index)", min: 1, max: 2)) }
        for index in 0..<10 { tables.append(Table(id: "F\(index)", min: 2, max: 4)) }
        for index in 0..<4 { tables.append(Table(id: "S\(index)", min: 4, max: 6)) }
        for index in 0..<2 { tables.append(Table(id: "E\(index)", min: 6, max: 8)) }
        let combinations = (0..<4).map { Combination(id: "F\(2 * $0)+F\(2 * $0 + 1)", tables: ["F\(2 * $0)", "F\(2 * $0 + 1)"], min: 5, max: 8) }
        let floor = try Floor(Layout(restaurant: "r", bufferMinutes: 10, tables: tables, combinations: combinations,
                                     services: [Service(name: "d", first: 18 * 60, last: 22 * 60)],
                                     blocks: [Block(tables: ["D3"], date: ServiceDate("2026-11-20")!, from: 19 * 60, to: 21 * 60)]))
        var rng = SeededRandom(seed: 11)
        let requests = (0..<300).map { index in
            OfflineOptimum.Request(id: "q\(index)", time: 18 * 60 + 15 * Int.random(in: 0...16, using: &rng),
                                   party: [1, 2, 2, 2, 3, 4, 4, 5, 6, 8].randomElement(using: &rng)!, duration: 30 * Int.random(in: 3...5, using: &rng))
        }
        let result = OfflineOptimum.solve(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests, timeLimitMilliseconds: Self.unhurried)
        #expect(Self.isValid(result, floor: floor, requests: requests))
        #expect(result.covers > result.greedyCovers)
        #expect(result.covers <= result.coversBound)
        #expect(result.gap < 0.005)
        #expect(result.coversBound < requests.reduce(0) { $0 + $1.party }, "the bound must be a real one, not everyone")
    }

    @Test func theDaysModelAggregatesIdenticalRequestsAndTables() {
        let floor = try! Floor(Layout(restaurant: "r", tables: [Table(id: "A", max: 2), Table(id: "B", max: 2), Table(id: "C", max: 4)],
                                      services: [Service(name: "d", first: 12 * 60, last: 22 * 60)]))
        let requests = [
            OfflineOptimum.Request(id: "lunch1", time: 12 * 60, party: 2, duration: 60),
            OfflineOptimum.Request(id: "dinner", time: 19 * 60, party: 3, duration: 90),
            OfflineOptimum.Request(id: "lunch2", time: 12 * 60, party: 2, duration: 60),
        ]
        let model = OfflineOptimum.model(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests)
        // Lunch: one request type (two identical couples) on the class {A, B} or on C; dinner: a
        // party of three fits only C. Only C (capacity 1) could be over-used, so only C gets
        // occupancy columns and flow rows, at the two start instants.
        #expect(model.columns.map(\.name) == ["t0_class0", "t0_class1", "t1_class1", "r1_occ_720", "r1_occ_1140"])
        #expect(model.columns.map(\.upper) == [2, 1, 1, 1, 1])
        #expect(model.rows.map(\.name) == ["once_t0", "once_t1", "r1_at_720", "r1_at_1140"])
        // The couples' interval ends (13:00) by the dinner node: it leaves C there.
        let dinnerFlow = model.rows[3].terms.map { (model.columns[$0.variable.index].name, $0.coefficient) }
        #expect(dinnerFlow.map(\.0) == ["r1_occ_1140", "r1_occ_720", "t1_class1", "t0_class1"])
        #expect(dinnerFlow.map(\.1) == [1, -1, -1, 1])
    }

    @Test func beatsGreedyWhereHindsightHelps() {
        // One four-top, one two-top. Greedy seats the early couple on... the two-top (waste 0), so
        // nothing is lost; but if a couple comes first while the two-top is busy, greedy puts it on
        // the four-top and the later four is refused. The optimum seats the four instead.
        let floor = try! Floor(Layout(restaurant: "r", tables: [Table(id: "T", max: 2), Table(id: "F", max: 4)],
                                      services: [Service(name: "d", first: 18 * 60, last: 22 * 60)]))
        let requests = [
            OfflineOptimum.Request(id: "busy-two", time: 18 * 60, party: 2, duration: 120),
            OfflineOptimum.Request(id: "couple", time: 18 * 60 + 30, party: 2, duration: 90),
            OfflineOptimum.Request(id: "four", time: 19 * 60, party: 4, duration: 90),
        ]
        let result = OfflineOptimum.solve(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests, timeLimitMilliseconds: Self.unhurried)
        #expect(result.greedyCovers == 4)
        #expect(result.covers == 6)
        #expect(result.seated["four"] == ["F"])
        #expect(result.coversBound == 6)
        #expect(result.gap == 0)
    }
}
