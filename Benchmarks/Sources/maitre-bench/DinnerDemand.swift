import Seating

/// One guest of a seeded dinner: a desired time on the 15-minute grid, a triangle peaking at
/// 19:30 between 18:00 and 21:30, and a realistic party mix (mostly twos and fours, a few large
/// tables). The replays and the miss benchmark draw the same demand from it.
func dinnerGuest(_ rng: inout SeededRandom) -> (time: Int, party: Int) {
    let u = Double.random(in: 0..<1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
    let minutes = 18 * 60 + Int(((u + v) / 2) * 210) / 15 * 15
    let roll = Int.random(in: 0..<100, using: &rng)
    let party = roll < 8 ? 1 : roll < 50 ? 2 : roll < 60 ? 3 : roll < 82 ? 4
        : roll < 93 ? Int.random(in: 5...6, using: &rng) : Int.random(in: 7...10, using: &rng)
    return (minutes, party)
}
