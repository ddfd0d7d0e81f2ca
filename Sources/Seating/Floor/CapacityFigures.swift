/// What a floor can seat, and (given a day) how much of it is used: the figures an owner reads
/// in `maitre check` and the day report.
///
/// Definitions:
/// - `seats`: the sum of every table's `max`;
/// - `largestParty`: the largest party a unit the engine may pick seats, per channel (host:
///   reservable tables and combinations; online: the same, and no larger than the largest
///   `maxParty` of a service (running on the day's weekday, given a day); walk-ins: every unit);
/// - `unseatable`: party sizes from 1 to the largest unit that no table or combination seats
///   (gaps between the units' `min...max` ranges);
/// - per service, `turnCovers`: the most covers the tables could seat in the service's window
///   (`Floor.window(of:)`: first seating to `end`, or to the last seating plus the longest turn) if every table turned
///   at the turn time for a party of its `max` (the day's, overrides included; without a day the
///   default bands), back to back with the buffer: the number of
///   whole turns that fit, times `max`, summed over tables (combinations are not counted twice);
///   `bookedCovers`: covers of the day's online and host bookings that count toward it (booked,
///   seated, finished) starting in the window;
/// - `occupancy` per hour: seat-minutes of bookings occupying tables (booked, seated, finished;
///   walk-ins included; buffers count as occupied) over seat-minutes of tables not blocked, in
///   `[hour, hour + 60)`.
///
/// Invariant: pure; the same floor and day give the same figures.
public struct CapacityFigures: Sendable, Equatable {
    public struct ServiceFigures: Sendable, Equatable {
        public var name: String
        public var from: Int
        public var to: Int
        public var turnCovers: Int
        public var bookedCovers: Int
        /// The weekdays the service runs (empty: every day).
        public var days: [Weekday] = []
    }

    /// How many turn-time overrides (by weekday or time) the figures left out: a layout's figures
    /// without a day use the default bands; a day's use its weekday's.
    public var turnTimeOverridesLeftOut = 0

    public struct HourFigures: Sendable, Equatable {
        public var hour: Int
        public var occupancy: Double
    }

    public var seats: Int
    public var largestOnlineParty: Int
    public var largestHostParty: Int
    public var largestWalkInParty: Int
    public var unseatable: [Int]
    public var services: [ServiceFigures]
    public var hours: [HourFigures]

    /// The layout's figures; with `day`, the day's services (those running on its weekday), booked
    /// covers and occupancy by hour.
    public init(floor: Floor, day: DayState? = nil) {
        let layout = floor.layout
        seats = layout.seats
        largestHostParty = floor.largestReservableUnit
        let onlineLimit = layout.services.filter { service in day.map { service.runs(on: $0.weekday) } ?? true }.map(\.maxParty).max() ?? 0
        largestOnlineParty = min(floor.largestReservableUnit, onlineLimit)
        largestWalkInParty = floor.largestUnit
        unseatable = (1...max(1, floor.largestUnit)).filter { party in !floor.units.contains { $0.fits(party) } }
        let weekday = day?.weekday
        func turn(_ party: Int, at start: Int) -> Int {
            weekday.map { layout.turnTimes.minutes(party: party, weekday: $0, start: start) } ?? layout.turnTimes.defaultMinutes(party: party)
        }
        var services: [ServiceFigures] = []
        for service in layout.services where weekday.map(service.runs(on:)) ?? true {
            let to = floor.window(of: service).to
            var turnCovers = 0
            for table in layout.tables where table.reservable {
                let turn = turn(table.max, at: service.first)
                let turns = (to - service.first + layout.bufferMinutes) / max(1, turn + layout.bufferMinutes)
                turnCovers += turns * table.max
            }
            let booked = day.map { day in
                day.bookings.values.filter { booking in
                    booking.channel != .walkIn && booking.status.occupiesTables && booking.start >= service.first && booking.start <= service.last
                }.reduce(0) { $0 + $1.party }
            } ?? 0
            services.append(ServiceFigures(name: service.name, from: service.first, to: to, turnCovers: turnCovers, bookedCovers: booked,
                                           days: Weekday.allCases.filter(service.days.contains)))
        }
        self.services = services
        turnTimeOverridesLeftOut = day == nil ? layout.turnTimes.overrides.count : 0
        var hours: [HourFigures] = []
        if let day, let first = services.map(\.from).min(), let last = services.map(\.to).max() {
            for hour in stride(from: first / 60 * 60, to: last, by: 60) {
                var available = 0, used = 0
                for (index, table) in layout.tables.enumerated() {
                    let blocked = day.blocks[index].reduce(0) { $0 + overlap($1.start, $1.end, hour, hour + 60) }
                    available += (60 - min(60, blocked)) * table.max
                    used += day.occupancy[index].reduce(0) { $0 + overlap($1.start, $1.end, hour, hour + 60) } * table.max
                }
                hours.append(HourFigures(hour: hour, occupancy: available > 0 ? min(1, Double(used) / Double(available)) : 0))
            }
        }
        self.hours = hours
    }
}

private func overlap(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Int { max(0, min(b, d) - max(a, c)) }
