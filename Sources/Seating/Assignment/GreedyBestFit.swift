/// Deterministic greedy best fit: the unit a new party should take at a given interval.
///
/// The rank, compared in order: single table before combination; least wasted seats
/// (`max - party`); fewest missed preferences (area, each tag); lower priority; the tightest fit
/// in time (least free minutes left next to the booking on its tables); then id in natural order
/// ("T9" before "T10"). Only units free
/// of bookings and blocks over the whole occupied interval, and allowed by `allows`, qualify.
///
/// ```swift
/// // Party of 2 at 19:00 for 90 minutes: a free two-top beats a free four-top.
/// GreedyBestFit.choose(floor: floor, day: day, party: 2, from: 1140, to: 1230,
///                      area: nil, tags: [], verdict: { _ in .allowed })
/// ```
public enum GreedyBestFit {
    /// What the rules say of one free, unblocked unit.
    public enum UnitVerdict: Sendable, Equatable {
        case allowed
        /// Not for this channel at all (walk-in-only tables for reservations): silently skipped.
        case excluded
        /// Kept for walk-ins by a hold: skipped, and the reason if nothing else is free.
        case held
    }

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

    public static func choose(
        floor: Floor, day: DayState, party: Int, from: Int, to: Int, area: String?, tags: [String],
        verdict: (Int) -> UnitVerdict
    ) -> Outcome {
        var sawBlocked = false
        var sawHeld = false
        for group in floor.candidates(for: party) {
            var best: Int?
            var bestKey = (Int.max, Int.max, Int.max)
            for unitIndex in group.units {
                let unit = floor.units[unitIndex]
                var free = true
                for table in unit.members where !day.isFree(table: table, from: from, to: to) {
                    free = false
                    break
                }
                guard free else { continue }
                if unit.members.contains(where: { day.isBlocked(table: $0, from: from, to: to) }) {
                    sawBlocked = true
                    continue
                }
                switch verdict(unitIndex) {
                case .allowed: break
                case .excluded: continue
                case .held:
                    sawHeld = true
                    continue
                }
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
