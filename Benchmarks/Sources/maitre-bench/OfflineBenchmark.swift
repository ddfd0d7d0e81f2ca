import Foundation
import MILP
import Seating
import SeatingService
import SeatingStore

/// The hall fixture's floor and 600 seeded dinner requests (the offline optimum's everyday case).
func hallDinnerRequests(root: URL, requests count: Int, seed: UInt64) throws -> (Floor, [OfflineOptimum.Request]) {
    // The hall fixture, read exactly as layout.put reads it.
    let text = try String(contentsOf: root.appendingPathComponent("Fixtures/layouts/hall.json"), encoding: .utf8)
    let floor = try LayoutCheck.compile(Array(text.utf8)).get()
    var rng = SeededRandom(seed: seed)
    let requests = (0..<count).map { index -> OfflineOptimum.Request in
        let u = Double.random(in: 0..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
        let time = 17 * 60 + Int(((u + v) / 2) * 330) / 15 * 15
        let roll = Int.random(in: 0..<100, using: &rng)
        let party = roll < 8 ? 1 : roll < 50 ? 2 : roll < 60 ? 3 : roll < 82 ? 4 : roll < 93 ? Int.random(in: 5...6, using: &rng) : Int.random(in: 7...12, using: &rng)
        let duration = party <= 2 ? 90 : party <= 4 ? 105 : party <= 8 ? 135 : 165
        return OfflineOptimum.Request(id: "q\(index)", time: time, party: party, duration: duration)
    }
    return (floor, requests)
}

/// Solves one offline optimum and prints covers, greedy, proven bound, gap and wall time;
/// optionally writes its model (LP), its requests (a demand file for `maitre optimum`) and its layout.
func runOfflineOptimum(label: String, floor: Floor, requests: [OfflineOptimum.Request], timeLimitMilliseconds: Int,
                       writeLP: String? = nil, writeDemand: String? = nil, writeLayout: (path: String, json: String)? = nil) throws {
    let date = ServiceDate("2026-11-20")!
    if let writeLP {
        try ModelExport.write(OfflineOptimum.model(floor: floor, date: date, requests: requests), format: .lp, to: writeLP)
    }
    if let writeDemand {
        let lines = requests.map { #"{"id":"\#($0.id)","time":"\#(ClockTime.format($0.time))","party":\#($0.party),"duration":\#($0.duration)}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: writeDemand, atomically: true, encoding: .utf8)
    }
    if let writeLayout { try writeLayout.json.write(toFile: writeLayout.path, atomically: true, encoding: .utf8) }
    let start = DispatchTime.now().uptimeNanoseconds
    let result = OfflineOptimum.solve(floor: floor, date: date, requests: requests, timeLimitMilliseconds: timeLimitMilliseconds)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "offline optimum, %@ (%d tables, %d combinations), %d requests: %d covers, %d seats wasted (greedy %d, +%.1f %%), proven bound %d, gap %.2f %%, %d components, %.3f s (cap %d ms)",
                 label, floor.tables.count, floor.layout.combinations.count, requests.count, result.covers, result.wastedSeats, result.greedyCovers,
                 100 * Double(result.covers - result.greedyCovers) / Double(max(1, result.greedyCovers)),
                 result.coversBound, 100 * result.gap, result.components, seconds, timeLimitMilliseconds))
}
