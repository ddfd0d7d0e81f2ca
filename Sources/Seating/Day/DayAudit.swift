/// Checks a restaurant-day's stored bookings from scratch, as an operator's audit: each active
/// booking, in start order, must stand on its tables (`Standing`): a table or defined combination
/// that seats its party, unblocked, sharing no table-minute (buffer included) with another.
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
            let when = "\(ClockTime.format(booking.start))-\(ClockTime.format(booking.end))"
            let message: String?
            switch Standing.of(booking, floor: floor, day: day) {
            case .stands: message = nil
            case .notAUnit: message = "tables \(booking.tables.joined(separator: "+")) are not a table or defined combination"
            case .doesNotFit(let unit):
                message = "\(floor.units[unit].id) seats \(floor.units[unit].min) to \(floor.units[unit].max), not a party of \(booking.party)"
            case .blocked(let unit): message = "\(floor.units[unit].id) at \(when) is blocked"
            case .occupied(let unit, let others):
                message = "\(floor.units[unit].id) at \(when) shares a table-minute with \(others.joined(separator: ", "))"
            }
            if let message { problems.append(Problem(booking: booking.id, message: message)) }
            day.upsert(booking)
        }
        return problems
    }
}
