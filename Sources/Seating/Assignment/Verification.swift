/// Checks a solver's assignment from scratch before anything is offered or written.
enum Verification {
    /// The moves the assignment makes, when it is valid: every item on a unit free of everything
    /// placed before it (fixed bookings, blocks, the other items, and `extra`, the new party when
    /// there is one), and every moved online booking keeping the count holds. Nil when invalid.
    static func movesIfValid(
        floor: Floor, fixed: DayState, original: DayState, items: [AssignmentModel.Item], units: [Int], extra: Booking?
    ) -> [Reshuffle.Move]? {
        var check = fixed
        if let extra {
            let span = check.occupiedSpan(of: extra)!
            guard floor.unit(forTables: extra.tables).map({ floor.units[$0].members }).map({ members in
                members.allSatisfy { check.isFree(table: $0, from: span.start, to: span.end) && !check.isBlocked(table: $0, from: span.start, to: span.end) }
            }) == true else { return nil }
            check.upsert(extra)
        }
        var moves: [Reshuffle.Move] = []
        var moved: [(booking: Booking, unit: Int, item: AssignmentModel.Item)] = []
        for (index, item) in items.enumerated() {
            guard let id = item.booking, var booking = original.bookings[id] else { continue }
            let unit = floor.units[units[index]]
            guard unit.fits(booking.party), unit.members.allSatisfy({
                check.isFree(table: $0, from: item.start, to: item.end) && !check.isBlocked(table: $0, from: item.start, to: item.end)
            }) else { return nil }
            if units[index] != item.current {
                moves.append(Reshuffle.Move(booking: id, from: booking.tables, to: unit.tableIDs))
                booking.tables = unit.tableIDs
                moved.append((booking, units[index], item))
            }
            check.upsert(booking)
        }
        for entry in moved where entry.booking.channel == .online {
            var without = check
            without.remove(entry.booking.id)
            if HoldRules.holds(floor: floor, day: without, unit: entry.unit, from: entry.item.start, to: entry.item.end, channel: .online) != nil {
                return nil
            }
        }
        return moves.sorted { $0.booking < $1.booking }
    }
}
