/// Deterministic greedy best fit: the unit a new party should take at a given interval.
///
/// The rank, compared in order: single table before combination; least wasted seats
/// (`max - party`); fewest missed preferences (area, each tag); lower priority; the tightest fit
/// in time (least free minutes left next to the booking on its tables); then id in natural order
/// ("T9" before "T10"). Only units `UnitRules` allows qualify.
///
/// ```swift
/// // Party of 2 at 19:00 for 90 minutes: a free two-top beats a free four-top.
/// GreedyBestFit.choose(floor: floor, day: day, party: 2, from: 1140, to: 1230,
///                      area: nil, tags: [], channel: .online)
/// ```
public enum GreedyBestFit {
    /// What greedy found: the chosen unit, or what stopped free units from being chosen.
    public struct Outcome: Sendable, Equatable {
        public var unit: Int?
        /// Some unit free of bookings was blocked.
        public var sawBlocked: Bool
        /// Some unit free of bookings and blocks was held for walk-ins.
        public var sawHeld: Bool
    }

    /// Gap credited for a side with no neighbouring booking.
    static let openGap = 24 * 60

    /// The best unit `UnitRules` allows for the party over `[from, to)`, by the rank above.
    public static func choose(
        floor: Floor, day: DayState, party: Int, from: Int, to: Int, area: String?, tags: [String], channel: Booking.Channel,
        holds: UnitRules.Holds = .all
    ) -> Outcome {
        var sawBlocked = false
        var sawHeld = false
        for group in floor.candidates(for: party) {
            var best: Int?
            var bestKey = (Int.max, Int.max, Int.max)
            for unitIndex in group.units {
                switch UnitRules.verdict(floor: floor, day: day, unit: unitIndex, party: party, from: from, to: to, channel: channel,
                                           holds: holds) {
                case .allowed: break
                case .doesNotFit, .notForChannel, .occupied: continue
                case .blocked:
                    sawBlocked = true
                    continue
                case .held:
                    sawHeld = true
                    continue
                }
                let unit = floor.units[unitIndex]
                let misses = unit.preferenceMisses(area: area, tags: tags)
                var gap = 0
                for table in unit.members {
                    gap += day.neighbouringGap(table: table, from: from, to: to, cap: openGap)
                }
                let key = (misses, unit.priority, gap)
                if best == nil || key < bestKey || (key == bestKey && floor.idRank[unitIndex] < floor.idRank[best!]) {
                    best = unitIndex
                    bestKey = key
                }
            }
            if let best { return Outcome(unit: best, sawBlocked: false, sawHeld: false) }
        }
        return Outcome(unit: nil, sawBlocked: sawBlocked, sawHeld: sawHeld)
    }
}
