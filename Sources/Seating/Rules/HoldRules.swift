/// Capacity kept for walk-ins: whether a reservation on a unit would take held capacity.
/// `UnitRules.verdict` decides who these apply to; this type only measures.
///
/// Rules (PROTOCOL.md "Exact rules"): a table hold keeps its tables off every reservation
/// (online or host) whose occupied interval overlaps the hold window on its weekdays. A count hold
/// keeps at least `count` matching tables free of reservations at every minute of its window; an
/// online booking may not bring that number below `count` (host bookings may; walk-ins ignore
/// holds and do not use up held capacity). A blocked table is not free for a walk-in either, so it
/// does not count as free.
///
/// ```swift
/// // Two of the main-room two-to-four tops stay free 19:00-20:30 on Fridays.
/// HoldRules.countHold(floor: floor, day: friday, unit: t5, from: 19 * 60, to: 20 * 60 + 45)
/// // -> the name of the hold when T5 is one of the last two free matching tables, else nil
/// ```
public enum HoldRules {
    /// The name of the table hold that keeps one of `unit`'s tables off reservations at some
    /// minute of `[from, to)` on `weekday`, or nil.
    public static func tableHold(floor: Floor, weekday: Weekday, unit: Int, from: Int, to: Int) -> String? {
        for table in floor.units[unit].members where floor.isTableHeld(table, on: weekday, from: from, to: to) {
            return floor.layout.holds.first { hold in
                if case .tables(let ids) = hold.kind { return ids.contains(floor.tables[table].id) }
                return false
            }?.name ?? "table hold"
        }
        return nil
    }

    /// The name of the count hold an online reservation on `unit` over `[from, to)` would break
    /// (fewer than `count` matching tables free at some minute of the hold's window), or nil.
    public static func countHold(floor: Floor, day: DayState, unit: Int, from: Int, to: Int) -> String? {
        let members = floor.units[unit].members
        for hold in floor.countHolds(on: day.weekday) where hold.from < to && from < hold.to {
            guard members.contains(where: { hold.isMatching[$0] }) else { continue }
            if !leavesEnoughFree(hold, day: day, taking: members, from: max(from, hold.from), to: min(to, hold.to)) {
                return hold.name
            }
        }
        return nil
    }

    /// Whether, with `taking` occupied over `[from, to)`, at least `hold.count` matching tables are
    /// free of reservations at every minute of `[from, to)`.
    static func leavesEnoughFree(_ hold: Floor.CountHold, day: DayState, taking: [Int], from: Int, to: Int) -> Bool {
        let others = hold.tables.filter { !taking.contains($0) }
        guard others.count >= hold.count else { return false }
        // Fast path: enough tables free for the whole window are free at every minute of it.
        var wholeWindow = 0
        for table in others where day.isFreeOfReservations(table: table, from: from, to: to) {
            wholeWindow += 1
            if wholeWindow >= hold.count { return true }
        }
        // Exact: check the window's first minute and every instant where the free count can drop.
        for minute in dropInstants(hold, day: day, from: from, to: to) {
            var free = 0
            for table in others where day.isFreeOfReservations(table: table, from: minute, to: minute + 1) { free += 1 }
            if free < hold.count { return false }
        }
        return true
    }

    /// Where, within `[from, to)`, the hold's tables free of `day`'s reservations and blocks can
    /// become fewer: `from` itself and every reservation's or block's start on them inside.
    static func dropInstants(_ hold: Floor.CountHold, day: DayState, from: Int, to: Int) -> Set<Int> {
        var instants: Set<Int> = [from]
        for table in hold.tables {
            for span in day.occupancy[table] where span.reservation && span.start > from && span.start < to { instants.insert(span.start) }
            for span in day.blocks[table] where span.start > from && span.start < to { instants.insert(span.start) }
        }
        return instants
    }

    /// How many of the hold's tables `day`'s reservations and blocks take at `instant`.
    static func taken(_ hold: Floor.CountHold, day: DayState, at instant: Int) -> Int {
        hold.tables.count { !day.isFreeOfReservations(table: $0, from: instant, to: instant + 1) }
    }

    /// How many of the hold's tables a party of `channel` on `unit` takes: walk-ins take none
    /// (they do not use up held capacity).
    static func tablesTaken(_ hold: Floor.CountHold, floor: Floor, unit: Int, channel: Booking.Channel) -> Int {
        channel == .walkIn ? 0 : floor.units[unit].members.count { hold.isMatching[$0] }
    }
}
