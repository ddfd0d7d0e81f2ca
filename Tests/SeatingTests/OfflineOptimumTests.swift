import Seating
import Testing

@Suite struct OfflineOptimumTests {
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
            let result = OfflineOptimum.solve(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests)
            #expect(result.covers == Self.bruteForce(floor: floor, requests: requests), "instance \(instance)")
            #expect(result.covers >= result.greedyCovers)
            #expect(result.coversBound >= result.covers)
        }
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
        let result = OfflineOptimum.solve(floor: floor, date: ServiceDate("2026-11-20")!, requests: requests)
        #expect(result.greedyCovers == 4)
        #expect(result.covers == 6)
        #expect(result.seated["four"] == ["F"])
        #expect(result.coversBound == 6)
        #expect(result.gap == 0)
    }
}
