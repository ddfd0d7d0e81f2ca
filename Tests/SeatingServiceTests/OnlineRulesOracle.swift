import Seating

/// An independent, brute-force statement of the online booking rules (pacing, table holds,
/// count holds), minute by minute, to check the engine's incremental version against.
enum OnlineRulesOracle {
    /// Violations by `booking` (just made online, or just moved) given the other bookings of its day
    /// as they stand right after (other bookings' moves included).
    static func violations(of booking: Booking, before: [Booking], layout: Layout) -> [String] {
        var problems: [String] = []
        let weekday = booking.date.weekday
        let end = booking.end + layout.bufferMinutes
        // Pacing: the first service running that day whose first...last holds the start.
        if let service = layout.services.first(where: { $0.runs(on: weekday) && $0.first <= booking.start && booking.start <= $0.last }),
           let pacing = service.pacing {
            let bucket = (booking.start - service.first) / pacing.intervalMinutes
            let same = before.filter { other in
                other.channel != .walkIn && [.booked, .seated, .finished].contains(other.status)
                    && layout.services.first(where: { $0.runs(on: weekday) && $0.first <= other.start && other.start <= $0.last })?.name == service.name
                    && (other.start - service.first) / pacing.intervalMinutes == bucket && other.start >= service.first
            }
            let covers = same.reduce(booking.party) { $0 + $1.party }
            if let max = pacing.maxCovers, covers > max { problems.append("pacing covers \(covers) > \(max)") }
            if let max = pacing.maxParties, same.count + 1 > max { problems.append("pacing parties \(same.count + 1) > \(max)") }
        }
        for hold in layout.holds where hold.days.isEmpty || hold.days.contains(weekday) {
            switch hold.kind {
            case .tables(let ids):
                if booking.tables.contains(where: ids.contains), booking.start < hold.to, hold.from < end {
                    problems.append("table hold \(hold.name) overlapped")
                }
            case .count(let count, let area, let low, let high):
                let matching = layout.tables.filter { ($0.area == area || area == nil) && $0.max >= (low ?? 0) && $0.max <= (high ?? .max) }.map(\.id)
                guard booking.tables.contains(where: matching.contains), booking.start < hold.to, hold.from < end else { continue }
                let all = before + [booking]
                for minute in max(booking.start, hold.from)..<min(end, hold.to) {
                    let free = matching.filter { table in
                        !all.contains { other in
                            other.channel != .walkIn && other.status.occupiesTables && other.tables.contains(table)
                                && other.start <= minute && minute < other.end + layout.bufferMinutes
                        } && !layout.blocks.contains { $0.date == booking.date && $0.tables.contains(table) && $0.from <= minute && minute < $0.to }
                    }.count
                    if free < count {
                        problems.append("count hold \(hold.name): \(free) free at \(ClockTime.format(minute)) < \(count)")
                        break
                    }
                }
            }
        }
        return problems
    }
}
