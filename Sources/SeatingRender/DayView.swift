import Seating

/// What a picture shows: a floor and, optionally, a day of it, with the guests' names.
///
/// Invariants: pure data; `names` maps booking ids to the names the service layer read from
/// the bookings' guest JSON (the core does not read JSON); every name is escaped when drawn.
public struct DayView: Sendable {
    public let floor: Floor
    public let day: DayState?
    public let names: [String: String]

    public init(floor: Floor, day: DayState? = nil, names: [String: String] = [:]) {
        self.floor = floor
        self.day = day
        self.names = names
    }

    /// Minutes after its time a booked party that has not sat down counts as late.
    public static let lateAfterMinutes = 15

    /// What a table is doing at one minute, most pressing first.
    public enum TableState: String, Sendable, CaseIterable {
        case blocked
        /// A seated party is still at table after its due-out time (start plus duration).
        case overdue
        case seated
        /// A booked party due `lateAfterMinutes` or more ago has not sat down.
        case late
        /// A booked party is due on it now and not seated yet.
        case expected
        /// A table hold keeps it for walk-ins now.
        case held
        /// Free now, booked later in the day.
        case bookedLater = "booked later"
        case free
    }

    /// The state of table `index` at `time`, and the booking that makes it so (seated, expected,
    /// or the next one later).
    public func state(ofTable index: Int, at time: Int) -> (state: TableState, booking: Booking?) {
        guard let day else {
            return floor.isTableHeld(index, on: .fri, from: time, to: time + 1) ? (.held, nil) : (.free, nil)
        }
        if day.blocks[index].contains(where: { $0.start <= time && time < $0.end }) { return (.blocked, nil) }
        let id = floor.tables[index].id
        let onTable = day.bookings.values.filter { $0.status.isActive && $0.tables.contains(id) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        if let staying = onTable.first(where: { $0.status == .seated && $0.start <= time && $0.end <= time }) {
            return (.overdue, staying)
        }
        if let now = onTable.first(where: { $0.start <= time && time < $0.end }) {
            if now.status == .seated { return (.seated, now) }
            return (time - now.start >= Self.lateAfterMinutes ? .late : .expected, now)
        }
        if floor.isTableHeld(index, on: day.weekday, from: time, to: time + 1) { return (.held, nil) }
        if let later = onTable.first(where: { $0.start > time }) { return (.bookedLater, later) }
        return (.free, nil)
    }

    /// The guest's name of a booking, or its party size when it has none.
    func label(_ booking: Booking) -> String {
        let name = names[booking.id].map { " · " + $0 } ?? ""
        return "\(booking.party)\(name)"
    }

    /// The minutes the pictures span: the day's services (on its weekday, or all of them) from
    /// the first seating to the end, only those with bookings when the day has any (a dinner-only
    /// day does not draw an empty lunch), widened to every booking of the day.
    var span: (from: Int, to: Int) {
        let layout = floor.layout
        let weekday = day?.weekday
        let running = layout.services.filter { service in weekday.map(service.runs(on:)) ?? true }
        let starts = (day.map { Array($0.bookings.values) } ?? []).filter { $0.status != .cancelled }.map(\.start)
        let booked = running.filter { service in
            let window = floor.window(of: service)
            return starts.contains { window.from <= $0 && $0 < window.to }
        }
        let services = booked.isEmpty ? running : booked
        var from = services.map { floor.window(of: $0).from }.min() ?? 17 * 60
        var to = services.map { floor.window(of: $0).to }.max() ?? 23 * 60
        for booking in day.map({ Array($0.bookings.values) }) ?? [] where booking.status != .cancelled {
            from = min(from, booking.start)
            to = max(to, booking.end)
        }
        return (from / 60 * 60, (to + 59) / 60 * 60)
    }
}
