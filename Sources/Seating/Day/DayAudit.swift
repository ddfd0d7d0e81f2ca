/// Checks a restaurant-day's stored bookings from scratch, as an operator's audit: each active
/// booking must sit on a table or defined combination that seats its party
/// (`Reservations.namedUnit`), and no two active bookings may share a table-minute, buffer
/// included, nor sit on a blocked table (`UnitRules`, the door's rules: holds and channels are
/// booking-time policies, not physics, and are not re-judged).
///
/// Invariant: pure; the problems come in booking start order, each naming the booking.
public enum DayAudit {
    /// One thing wrong with one booking.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var booking: String
        public var message: String

        public var description: String { "booking \(booking): \(message)" }
    }

    public static func problems(floor: Floor, date: ServiceDate, bookings: [Booking]) -> [Problem] {
        var day = DayState(floor: floor, date: date, bookings: [])
        var problems: [Problem] = []
        let active = bookings.filter(\.status.isActive).sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        for booking in active {
            let unit: Int
            switch Reservations.namedUnit(floor: floor, tables: booking.tables, party: booking.party) {
            case .success(let found): unit = found
            case .failure(let error):
                problems.append(Problem(booking: booking.id, message: "tables \(booking.tables.joined(separator: "+")): \(error.message)"))
                continue
            }
            let span = day.occupiedSpan(of: booking) ?? (booking.start, booking.end + day.buffer)
            let when = "\(ClockTime.format(booking.start))-\(ClockTime.format(booking.end))"
            switch UnitRules.verdict(floor: floor, day: day, unit: unit, party: booking.party, from: span.start, to: span.end,
                                     channel: .walkIn, named: true) {
            case .allowed:
                break
            case .occupied:
                let others = Set(floor.units[unit].members.flatMap { day.occupants(table: $0, from: span.start, to: span.end) })
                problems.append(Problem(booking: booking.id, message: "\(floor.units[unit].id) at \(when) shares a table-minute with \(others.sorted().joined(separator: ", "))"))
            case .blocked:
                problems.append(Problem(booking: booking.id, message: "\(floor.units[unit].id) at \(when) is blocked"))
            case let other:
                problems.append(Problem(booking: booking.id, message: "\(floor.units[unit].id) at \(when): \(other)"))
            }
            day.upsert(booking)
        }
        return problems
    }
}
