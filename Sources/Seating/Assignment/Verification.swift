/// Checks a re-assignment from scratch before anything is offered or written, whatever found it
/// (one-move search, chain search, integer program, repack).
///
/// The check: start from the day as stored, take every moved booking off its tables, put each on
/// its new unit (which must be a table or combination that fits it, free of every booking placed
/// so far and of blocks), add the new party if there is one, then ask `UnitRules` of every moved
/// booking and of the new party, on the final day, whether its channel may have that unit there
/// (channel, table holds, count holds). Bookings that keep their tables are not re-judged: they
/// kept the rules when they were made.
enum Verification {
    /// Whether applying `moves` to `day` and seating `extra` (the new party, if any) is valid.
    static func isValid(floor: Floor, day: DayState, moves: [Reshuffle.Move], extra: Booking?) -> Bool {
        var check = day
        var moved: [(booking: Booking, unit: Int)] = []
        for move in moves {
            guard let booking = check.bookings[move.booking], booking.status == .booked, !booking.locked,
                  booking.tables == move.from, let unit = floor.unit(forTables: move.to) else { return false }
            check.remove(booking.id)
            var placed = booking
            placed.tables = floor.units[unit].tableIDs
            moved.append((placed, unit))
        }
        var placements = moved
        if let extra {
            guard let unit = floor.unit(forTables: extra.tables) else { return false }
            placements.append((extra, unit))
        }
        for entry in placements {
            guard let span = check.occupiedSpan(of: entry.booking),
                  UnitRules.verdict(floor: floor, day: check, unit: entry.unit, party: entry.booking.party, from: span.start,
                                    to: span.end, channel: .walkIn, named: true) == .allowed else { return false }
            check.upsert(entry.booking)
        }
        for entry in placements where UnitRules.verdict(floor: floor, day: check, booking: entry.booking, unit: entry.unit) != .allowed {
            return false
        }
        return true
    }

    /// The moves an assignment of `items` to `units` makes, when the result is valid (see
    /// `isValid`), in booking id order; nil when invalid.
    static func movesIfValid(
        floor: Floor, original: DayState, items: [AssignmentModel.Item], units: [Int], extra: Booking?
    ) -> [Reshuffle.Move]? {
        var moves: [Reshuffle.Move] = []
        for (item, unit) in zip(items, units) {
            guard let id = item.booking, unit != item.current, let booking = original.bookings[id] else { continue }
            moves.append(Reshuffle.Move(booking: id, from: booking.tables, to: floor.units[unit].tableIDs))
        }
        moves.sort { $0.booking < $1.booking }
        return isValid(floor: floor, day: original, moves: moves, extra: extra) ? moves : nil
    }
}
