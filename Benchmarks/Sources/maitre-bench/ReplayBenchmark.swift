import Foundation
import MaitreJSON
import Seating
import SeatingService
import SeatingStore

/// Replays one seeded evening of online requests (a realistic party mix, peaking around 19:30)
/// through the service, greedy only and with reshuffle, and reports covers seated, parties turned
/// away and book latency.
func runReplay(layoutFile: String, restaurant: String, requests: Int, seed: UInt64, root: URL) throws {
    let pretty = try String(contentsOf: root.appendingPathComponent("Fixtures/layouts/\(layoutFile).json"), encoding: .utf8)
    let layout = JSONWriter.string(try JSONParser.parse(Array(pretty.utf8)))
    var rng = SeededRandom(seed: seed)
    var stream: [(time: Int, party: Int)] = []
    for _ in 0..<requests { stream.append(dinnerGuest(&rng)) }
    for reshuffle in [nil, Reshuffle.Limits()] as [Reshuffle.Limits?] {
        let service = SeatingService(store: InMemoryStore(), clock: FixedClock(iso8601: "2026-11-19T09:00:00Z")!, reshuffle: reshuffle)
        _ = service.respond(toLine: Array(#"{"op":"layout.put","layout":\#(layout)}"#.utf8))
        var tally = BookingTally(), alternative = 0
        var latencies: [UInt64] = []
        for (index, request) in stream.enumerated() {
            let line = #"{"op":"book","restaurant":"\#(restaurant)","date":"2026-11-20","time":"\#(ClockTime.format(request.time))","party":\#(request.party),"idempotencyKey":"r\#(index)"}"#
            var text = respondTimed(service, line, &latencies)
            // A guest refused at the asked time takes the nearest alternative offered, if any.
            if let parsed = try? JSONParser.parse(Array(text.utf8)), let first = parsed["error"]?["alternatives"]?.arrayValue?.first,
               let time = first["time"]?.stringValue {
                let retry = #"{"op":"book","restaurant":"\#(restaurant)","date":"2026-11-20","time":"\#(time)","party":\#(request.party),"idempotencyKey":"r\#(index)-alt"}"#
                text = respondTimed(service, retry, &latencies)
                if text.contains(#""ok":true"#) { alternative += 1 }
            }
            tally.record(text, party: request.party)
        }
        let stats = LatencyStats(latencies)
        func ms(_ ns: UInt64) -> String { String(format: "%.2f ms", Double(ns) / 1e6) }
        print("replay \(restaurant) \(reshuffle == nil ? "greedy   " : "reshuffle"): \(requests) online requests, \(tally.seated) seated (\(tally.covers) covers, \(alternative) at an alternative time), \(tally.refused) turned away, \(tally.withMoves) with moves; book p50 \(ms(stats.percentile(50))) p95 \(ms(stats.percentile(95))) p99 \(ms(stats.percentile(99))) max \(ms(stats.sorted.last ?? 0))")
    }
}
