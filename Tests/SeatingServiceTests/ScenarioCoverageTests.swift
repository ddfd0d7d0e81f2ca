import Testing

/// Guards the property tests against testing nothing: the random sessions must actually book,
/// modify, cancel and get refused, in volume.
@Suite struct ScenarioCoverageTests {
    @Test func randomSessionsExerciseEveryOutcome() throws {
        var counts: [String: Int] = [:]
        var reshuffles = 0, offeredWithMoves = 0
        for seed in 1...20 {
            let run = try InvariantPropertyTests.run(seed: UInt64(seed), operations: 150)
            for (line, response) in zip(run.lines, run.responses) {
                if response.contains(#""moved":[{"#) {
                    reshuffles += 1
                    if line.contains(#""idempotencyKey":"offered-"#) { offeredWithMoves += 1 }
                }
                let op = line.split(separator: "\"")[3]
                let outcome = response.contains(#""ok":true"#) ? "ok" : (response.split(separator: "\"").drop { $0 != "code" }.dropFirst(2).first.map(String.init) ?? "?")
                counts["\(op) \(outcome)", default: 0] += 1
            }
        }
        print("scenario outcomes:", counts.sorted { $0.key < $1.key }, "reshuffles:", reshuffles, "offered and booked with moves:", offeredWithMoves)
        #expect(reshuffles >= 3, "reshuffles happen in the random sessions (\(reshuffles))")
        #expect(offeredWithMoves >= 3, "slots offered with reshuffle are booked in the random sessions (\(offeredWithMoves))")
        #expect(counts["book ok", default: 0] >= 200)
        #expect(counts["modify ok", default: 0] >= 30)
        #expect(counts["cancel ok", default: 0] >= 20)
        #expect(counts["book no_capacity", default: 0] >= 20)
        #expect(counts["book idempotency_conflict", default: 0] >= 5)
        #expect(counts["book closed", default: 0] >= 5)
        #expect(counts["book pacing_limit", default: 0] >= 10)
        #expect(counts["walkin ok", default: 0] >= 50)
        #expect(counts["seat ok", default: 0] >= 10)
        #expect(counts["finish ok", default: 0] >= 3)
        #expect(counts["noshow ok", default: 0] >= 10)
    }
}
