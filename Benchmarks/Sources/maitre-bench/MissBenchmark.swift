import Foundation
import MaitreJSON
import Seating
import SeatingService
import SeatingStore

/// Misses: guests turned away although an exact check finds a whole-day re-assignment that seats
/// them at a time they would take. A seeded Friday or Saturday (`date`) of online guests asking availability near the
/// time they want (party mix of the replays, flexibility 0, 30 or 60 minutes either side), each
/// taking the nearest offered time; the service runs with whole-day reshuffle (the default) and
/// with reshuffle off (greedy only). The exact check is `Reshuffle.find` with a 2 s cap and a
/// large chain budget on the day as it was, at every grid time in the guest's window whose own
/// rules (service, pacing) pass; its integer program proves infeasibility when no plan exists.
/// `limits`: the service's (`--reshuffle-ms`, `--search-budget`); `explain` prints each miss.
func runMisses(layoutFile: String, restaurant: String, requests: Int, seed: UInt64, root: URL, limits served: Reshuffle.Limits,
               explain: Bool, date: ServiceDate) throws {
    let pretty = try String(contentsOf: root.appendingPathComponent("Fixtures/layouts/\(layoutFile).json"), encoding: .utf8)
    let layoutLine = JSONWriter.string(try JSONParser.parse(Array(pretty.utf8)))
    var rng = SeededRandom(seed: seed)
    var guests: [(time: Int, party: Int, flex: Int)] = []
    for _ in 0..<requests {
        let guest = dinnerGuest(&rng)
        guests.append((guest.time, guest.party, [0, 30, 60][Int.random(in: 0...2, using: &rng)]))
    }
    let exact = Reshuffle.Limits(timeLimitMilliseconds: 2_000, searchBudget: 200_000)
    for limits in [nil, served] as [Reshuffle.Limits?] {
        let store = InMemoryStore()
        let service = SeatingService(store: store, clock: FixedClock(iso8601: "2026-11-19T09:00:00Z")!, reshuffle: limits)
        _ = service.respond(toLine: Array(#"{"op":"layout.put","layout":\#(layoutLine)}"#.utf8))
        let floor = try Floor(try store.layout(restaurant: restaurant)!.layout)
        var tally = BookingTally(), turnedAway = 0, misses = 0
        var availability: [UInt64] = [], books: [UInt64] = []
        for (index, guest) in guests.enumerated() {
            let ask = #"{"op":"availability","restaurant":"\#(restaurant)","date":"\#(date)","time":"\#(ClockTime.format(guest.time))","party":\#(guest.party),"before":\#(guest.flex),"after":\#(guest.flex),"limit":1}"#
            let answer = try JSONParser.parse(Array(respondTimed(service, ask, &availability).utf8))
            if let time = answer["result"]?["slots"]?.arrayValue?.first?["time"]?.stringValue {
                let book = #"{"op":"book","restaurant":"\#(restaurant)","date":"\#(date)","time":"\#(time)","party":\#(guest.party),"idempotencyKey":"g\#(index)"}"#
                tally.record(respondTimed(service, book, &books), party: guest.party)
                continue
            }
            turnedAway += 1
            let day = DayState(floor: floor, date: date, bookings: try store.day(DayKey(restaurant: restaurant, date: date)).bookings)
            let query = SeatingQuery(date: date, time: guest.time, party: guest.party)
            let window = AvailabilitySearch.candidateTimes(floor: floor, query: query, before: guest.flex, after: guest.flex)
            let missed = window.contains { time in
                guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: floor, day: day, query: query.at(time)),
                      Reshuffle.canHelp(reason) else { return false }
                return Reshuffle.find(floor: floor, day: day, query: query.at(time), limits: exact) != nil
            }
            if missed { misses += 1 }
            if missed, limits != nil, explain {
                // Each time the exact check seats: what the service's limits and the exact check found.
                for time in window {
                    guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: floor, day: day, query: query.at(time)),
                          Reshuffle.canHelp(reason) else { continue }
                    let started = DispatchTime.now().uptimeNanoseconds
                    let served = Reshuffle.find(floor: floor, day: day, query: query.at(time), limits: limits!)
                    let middle = DispatchTime.now().uptimeNanoseconds
                    let found = Reshuffle.find(floor: floor, day: day, query: query.at(time), limits: exact)
                    let ended = DispatchTime.now().uptimeNanoseconds
                    if let found {
                        let spans = found.moves.map { move in day.bookings[move.booking].map { "\(move.booking)[p\($0.party) \(ClockTime.format($0.start))-\(ClockTime.format($0.end)) \($0.channel)] \(move.from)->\(move.to)" } ?? move.booking }
                        say("    plan: new [p\(guest.party) \(ClockTime.format(time))] -> \(found.placement.tables); " + spans.joined(separator: "; "))
                    }
                    say("  miss: guest \(index), party \(guest.party) at \(ClockTime.format(time)) (\(reason)), \(day.bookings.count) bookings: service \(served.map { "\($0.moves.count) moves" } ?? "none") in \((middle - started) / 1_000_000) ms; exact \(found.map { "\($0.moves.count) moves" } ?? "none") in \((ended - middle) / 1_000_000) ms")
                }
            }
        }
        let ask = LatencyStats(availability), booked = LatencyStats(books)
        func ms(_ ns: UInt64) -> String { String(format: "%.2f", Double(ns) / 1e6) }
        say("misses \(restaurant) \(date.weekday) seed \(seed) \(limits == nil ? "greedy only      " : "whole-day reshuffle"): \(requests) guests, \(tally.seated) seated (\(tally.covers) covers, \(tally.withMoves) with moves), \(turnedAway) turned away, \(misses) misses (\(String(format: "%.1f", 100 * Double(misses) / Double(requests))) % of asks), \(tally.refused) offered-but-refused books; availability ms p50 \(ms(ask.percentile(50))) p99 \(ms(ask.percentile(99))) max \(ms(ask.sorted.last ?? 0)); book ms p50 \(ms(booked.percentile(50))) p99 \(ms(booked.percentile(99))) max \(ms(booked.sorted.last ?? 0))")
    }
}

/// A line to standard output, unbuffered (the miss benchmark runs for minutes).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
