/// Whether a booking already taken can stay on its own tables, given the bookings already on a
/// day: the one rule behind the store audit (`DayAudit`) and what a layout change keeps
/// (`LayoutChange`). Its tables must be a table or defined combination that seats its party, free
/// (buffer included) and unblocked; holds and channels are booking-time policies and are not
/// re-judged (the door's rules: `UnitRules` with a named unit, as for a walk-in).
public enum Standing: Sendable, Equatable {
    case stands(unit: Int)
    /// Its tables are not one table or defined combination of the floor.
    case notAUnit
    case doesNotFit(unit: Int)
    case blocked(unit: Int)
    /// Another booking of the day holds one of its table-minutes.
    case occupied(unit: Int, by: [String])

    public static func of(_ booking: Booking, floor: Floor, day: DayState) -> Standing {
        guard let unit = floor.unit(forTables: booking.tables) else { return .notAUnit }
        let span = day.occupiedSpan(of: booking) ?? (booking.start, booking.end + day.buffer)
        switch UnitRules.verdict(floor: floor, day: day, unit: unit, party: booking.party, from: span.start, to: span.end,
                                 channel: .walkIn, named: true) {
        case .allowed, .notForChannel, .held: return .stands(unit: unit)
        case .doesNotFit: return .doesNotFit(unit: unit)
        case .blocked: return .blocked(unit: unit)
        case .occupied:
            let others = Set(floor.units[unit].members.flatMap { day.occupants(table: $0, from: span.start, to: span.end) })
            return .occupied(unit: unit, by: others.sorted())
        }
    }
}
