/// What a new layout does to the bookings already taken: each active booking is re-seated on the
/// new floor, day by day, and comes out kept (same tables), moved (other tables, same time and
/// party) or unseatable.
///
/// Per day, in this order: seated and locked bookings keep their tables when the new floor still
/// has them as a table or combination that seats the party, free and unblocked (a booking already
/// taken keeps its tables whatever holds and channels now say), else they are unseatable (the
/// host placed them; nothing moves them); then unlocked bookings, in start order, keep their
/// tables on the same terms; the rest get greedy best fit under their channel's rules, and failing
/// that the whole-day re-assignment availability uses (`Reshuffle.find`, which may move unlocked
/// bookings already placed); what still finds no table is unseatable.
///
/// Invariants: pure; the bookings of the result never share a table-minute on the new floor
/// (buffer included) and each sits on a table or combination seating its party.
public enum LayoutChange {
    public struct Move: Sendable, Equatable {
        public var booking: String
        public var from: [String]
        public var to: [String]
    }

    public struct Unseatable: Sendable, Equatable {
        public var booking: Booking
        public var reason: String
    }

    public struct Outcome: Sendable, Equatable {
        /// Ids of bookings that keep their tables.
        public var kept: [String]
        public var moved: [Move]
        public var unseatable: [Unseatable]
        /// The bookings as they would stand (moved ones on their new tables), unseatable excluded.
        public var bookings: [Booking]
    }

    /// Why `booking` cannot keep its tables on `floor` given the bookings already on `day`
    /// (`Standing`), or nil when it can.
    public static func keepReason(floor: Floor, day: DayState, booking: Booking) -> String? {
        switch Standing.of(booking, floor: floor, day: day) {
        case .stands: return nil
        case .notAUnit: return "its tables \(booking.tables.joined(separator: "+")) are not a table or combination of the new layout"
        case .doesNotFit(let unit): return "\(floor.units[unit].id) no longer seats a party of \(booking.party)"
        case .blocked: return "a block of the new layout covers its tables"
        case .occupied: return "with the new layout (its buffer) it overlaps another booking on its tables"
        }
    }

    /// The active bookings that could not keep their tables on `floor` (in start order per date),
    /// with the reason: what a plain `layout.put` refuses.
    public static func stranded(floor: Floor, bookings: [Booking]) -> [Unseatable] {
        var stranded: [Unseatable] = []
        var days: [ServiceDate: DayState] = [:]
        for booking in bookings.filter(\.status.isActive).sorted(by: { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }) {
            var day = days[booking.date] ?? DayState(floor: floor, date: booking.date, bookings: [])
            if let reason = keepReason(floor: floor, day: day, booking: booking) {
                stranded.append(Unseatable(booking: booking, reason: reason))
            } else {
                day.upsert(booking)
            }
            days[booking.date] = day
        }
        return stranded
    }

    public static func reseat(floor: Floor, bookings: [Booking], limits: Reshuffle.Limits = Reshuffle.Limits()) -> Outcome {
        var outcome = Outcome(kept: [], moved: [], unseatable: [], bookings: [])
        let byDate = Dictionary(grouping: bookings.filter(\.status.isActive), by: \.date)
        for date in byDate.keys.sorted() {
            let dayBookings = byDate[date]!.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
            var day = DayState(floor: floor, date: date, bookings: [])
            var original: [String: [String]] = [:]
            var pending: [Booking] = []
            for booking in dayBookings where booking.locked || booking.status == .seated {
                if let reason = keepReason(floor: floor, day: day, booking: booking) {
                    outcome.unseatable.append(Unseatable(booking: booking, reason: "\(reason) (it is \(booking.status == .seated ? "seated" : "locked"))"))
                } else {
                    day.upsert(booking)
                }
            }
            for booking in dayBookings where !(booking.locked || booking.status == .seated) {
                original[booking.id] = booking.tables
                if keepReason(floor: floor, day: day, booking: booking) == nil { day.upsert(booking) } else { pending.append(booking) }
            }
            for booking in pending {
                let query = SeatingQuery(date: date, time: booking.start, party: booking.party, duration: booking.duration,
                                         channel: booking.channel == .walkIn ? .host : booking.channel)
                var placed = booking
                let greedy = GreedyBestFit.choose(floor: floor, day: day, party: booking.party, from: booking.start,
                                                  to: booking.end + day.buffer, area: nil, tags: [], channel: query.channel)
                if let unit = greedy.unit {
                    placed.tables = floor.units[unit].tableIDs
                } else if let plan = Reshuffle.find(floor: floor, day: day, query: query, limits: limits) {
                    for move in plan.moves {
                        guard var other = day.bookings[move.booking] else { continue }
                        day.remove(other.id)
                        other.tables = move.to
                        day.upsert(other)
                    }
                    placed.tables = plan.placement.tables
                } else {
                    outcome.unseatable.append(Unseatable(booking: booking, reason: "no table or combination of the new layout is free for it, even moving other bookings"))
                    continue
                }
                day.upsert(placed)
            }
            for booking in day.bookings.values.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) {
                outcome.bookings.append(booking)
                if let from = original[booking.id], from != booking.tables {
                    outcome.moved.append(Move(booking: booking.id, from: from, to: booking.tables))
                } else {
                    outcome.kept.append(booking.id)
                }
            }
        }
        outcome.moved.sort { $0.booking < $1.booking }
        outcome.kept.sort()
        return outcome
    }
}
