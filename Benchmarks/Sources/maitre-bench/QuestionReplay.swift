import Foundation
import MaitreJSON
import Seating
import SeatingService

/// Replays the questions of turned-away guests written by `--booking-page --dump-questions DIR`:
/// each file is a floor, the day as the service held it when the guest was turned away, and the
/// guest (time, party, flexibility, and whether the benchmark's exact check found it a miss).
/// For each guest, `Reshuffle.decide` is asked at every candidate time of the booking page's
/// window (±90 minutes) where greedy refuses for a reason re-assignment can overcome, as
/// availability does without its caches (with `deepBudget`, the first question left undecided looked
/// at more deeply, `Reshuffle.deepen`, as the service does); the figures are how many misses it now seats within
/// the guest's flexibility, how its verdicts split, and what the questions cost.
struct QuestionReplay {
    var directory: String
    var limits: Reshuffle.Limits
    var explain = false

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        var misses = 0, seatedMisses = 0, seatedOthers = 0, plans = 0, proofs = 0, undecided = 0
        var nanos: [UInt64] = [], undecidedNanos: [UInt64] = []
        // The verdicts themselves (plans with their moves), to compare builds: the same digest, the same answers.
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in names {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            let value = try JSONParser.parse(Array(text.utf8))
            guard let layout = value["layout"], let date = value["date"]?.stringValue.flatMap({ ServiceDate($0) }),
                  let time = value["time"]?.intValue, let party = value["party"]?.intValue, let flex = value["flex"]?.intValue,
                  let items = value["bookings"]?.arrayValue else { throw CommandLineError("cannot read \(name)") }
            let floor = try LayoutCheck.compile(Array(JSONWriter.string(layout).utf8)).get()
            let day = DayState(floor: floor, date: date, bookings: items.compactMap(decodeBooking))
            let missed = value["miss"]?.boolValue == true
            if missed { misses += 1 }
            let query = SeatingQuery(date: date, time: time, party: party, channel: .online)
            var seated = false
            // One decider per day, as the service keeps one per restaurant-day version (`WholeDayMemo`).
            let memo = WholeDayMemo()
            let decide = Reshuffle.decider(floor: floor, day: day, limits: limits, memo: memo)
            let deepen = Reshuffle.deepener(floor: floor, day: day, limits: limits, memo: memo)
            // As the service with `deepBudget`: the ask's first undecided question is looked at more deeply.
            var deepened = limits.deepBudget == 0
            for candidate in AvailabilitySearch.candidateTimes(floor: floor, query: query, before: 90, after: 90) {
                guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: floor, day: day, query: query.at(candidate)),
                      Reshuffle.canHelp(reason) else { continue }
                let began = DispatchTime.now().uptimeNanoseconds
                var verdict = decide(query.at(candidate))
                if verdict == .undecided && !deepened {
                    deepened = true
                    verdict = deepen(query.at(candidate))
                }
                let took = DispatchTime.now().uptimeNanoseconds - began
                nanos.append(took)
                digest = fnv(digest, "\(name) \(candidate) \(verdict)")
                switch verdict {
                case .plan:
                    plans += 1
                    if abs(candidate - time) <= flex { seated = true }
                case .infeasible: proofs += 1
                case .undecided:
                    undecided += 1
                    undecidedNanos.append(took)
                }
            }
            if seated {
                if missed { seatedMisses += 1 } else { seatedOthers += 1 }
                say("seated: \(name)\(missed ? " (a miss)" : " (NOT a miss: check)")")
            } else if missed {
                say("still missed: \(name)")
                if explain {
                    let exact = Reshuffle.Limits(timeLimitMilliseconds: 2_000, searchBudget: 200_000)
                    for candidate in AvailabilitySearch.candidateTimes(floor: floor, query: query, before: flex, after: flex) {
                        guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: floor, day: day, query: query.at(candidate)),
                              Reshuffle.canHelp(reason) else { continue }
                        if let plan = Reshuffle.find(floor: floor, day: day, query: query.at(candidate), limits: exact) {
                            say("  party \(party) at \(ClockTime.format(candidate)) on \(plan.placement.tables): \(plan.moves.count) moves: "
                                + plan.moves.map { "\($0.booking) \($0.from)->\($0.to)" }.joined(separator: ", "))
                        }
                    }
                }
            }
        }
        let all = LatencyStats(nanos), open = LatencyStats(undecidedNanos)
        func ms(_ ns: UInt64) -> String { String(format: "%.2f", Double(ns) / 1e6) }
        let sorted = nanos.sorted()
        say("slowest questions ms: " + sorted.suffix(40).map { ms($0) }.joined(separator: " "))
        say("\(names.count) turned-away guests, \(misses) misses: \(seatedMisses) now seated, \(seatedOthers) others seated; "
            + "\(nanos.count) questions: \(plans) plans, \(proofs) proofs, \(undecided) undecided; "
            + "ms per question p50 \(ms(all.percentile(50))) p99 \(ms(all.percentile(99))) max \(ms(all.sorted.last ?? 0)) total \(ms(nanos.reduce(0, +))); "
            + "undecided p50 \(ms(open.percentile(50))) total \(ms(undecidedNanos.reduce(0, +))); verdicts digest \(String(digest, radix: 16))")
    }
}

/// FNV-1a over `text`'s bytes, continuing from `hash`.
private func fnv(_ hash: UInt64, _ text: String) -> UInt64 {
    var hash = hash
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
}
