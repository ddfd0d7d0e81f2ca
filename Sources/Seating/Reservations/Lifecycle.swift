/// A late finish that runs into a booking due on the same table.
public struct Overrun: Sendable, Equatable {
    public var booking: String
    public var table: String
    /// When the booking that is run into starts.
    public var startsAt: Int

    public init(booking: String, table: String, startsAt: Int) {
        self.booking = booking
        self.table = table
        self.startsAt = startsAt
    }
}

/// What the door can do for a walk-in.
public enum WalkInOutcome: Sendable, Equatable {
    /// Seat now on these tables.
    case seatNow(Placement)
    /// The earliest time a fitting unit is free for the party's whole turn, and on what.
    case wait(readyAt: Int, placement: Placement)
    /// Nothing frees up for the party's turn before the service day ends.
    case noTable
}

/// The booking lifecycle at the door: seat, finish, no-show, and walk-ins.
///
/// Transitions: `booked -> seated -> finished`; `booked -> no_show`; `booked -> cancelled`
/// (`Reservations.cancel`). Repeating the transition a booking already made is harmless; any
/// other is `invalid_state`. Every function takes the day *without* the booking it changes and
/// keeps the invariant: no two active bookings share a table-minute.
///
/// ```swift
/// // The 19:00 party of four arrives at 19:10 and is seated on its tables.
/// let seated = try Reservations.seat(floor: floor, day: dayWithout, booking: booking, arrival: 1150, tables: nil).get()
/// seated.status   // .seated, start 19:10, locked
/// ```
extension Reservations {
    /// Seats a booked party at `arrival` (default: its booked start), on `tables` when the host
    /// names them (walk-in-only tables allowed), else on its own. The party keeps its turn time
    /// from arrival; the tables must be free and unblocked for all of it. A seated party may be
    /// moved to other `tables`; it keeps its start.
    public static func seat(
        floor: Floor, day: DayState, booking: Booking, arrival: Int?, tables: [String]?
    ) -> Result<Booking, SeatingError> {
        switch booking.status {
        case .booked: break
        case .seated where tables == nil || tables == booking.tables: return .success(booking)
        case .seated: break
        case .finished, .cancelled, .noShow:
            return .failure(.invalidState("booking \(booking.id) is \(booking.status.rawValue) and cannot be seated"))
        }
        let start = booking.status == .seated ? booking.start : (arrival ?? booking.start)
        let unit: Int
        switch namedUnit(floor: floor, tables: tables ?? booking.tables, party: booking.party) {
        case .success(let found): unit = found
        case .failure(let error): return .failure(error)
        }
        let seating = floor.units[unit]
        // At the door holds do not apply and any table may be named: the walk-in's rules.
        let verdict = UnitRules.verdict(floor: floor, day: day, unit: unit, party: booking.party, from: start,
                                        to: start + booking.duration + day.buffer, channel: .walkIn, named: true)
        if verdict != .allowed {
            return .failure(.noCapacity(reason: .noTable, alternatives: freeUnits(
                floor: floor, day: day, party: booking.party, from: start, duration: booking.duration, limit: 5)))
        }
        var seated = booking
        seated.start = start
        seated.tables = seating.tableIDs
        seated.status = .seated
        seated.locked = true
        return .success(seated)
    }

    /// Finishes a seated party at `time`: its tables are free from `time` plus the buffer. A
    /// finish later than planned reports the active bookings on its tables it now runs into.
    public static func finish(
        floor: Floor, day: DayState, booking: Booking, at time: Int
    ) -> Result<(booking: Booking, overruns: [Overrun]), SeatingError> {
        switch booking.status {
        case .seated: break
        case .finished where booking.end == time: return .success((booking, []))
        case .booked:
            return .failure(.invalidState("booking \(booking.id) has not been seated; seat it or record a no-show"))
        case .finished, .cancelled, .noShow:
            return .failure(.invalidState("booking \(booking.id) is \(booking.status.rawValue) and cannot be finished"))
        }
        guard time > booking.start else {
            return .failure(.invalidField(
                field: "time", message: "the party was seated at \(ClockTime.format(booking.start)); a finish must come after"))
        }
        var finished = booking
        finished.status = .finished
        finished.duration = time - booking.start
        var overruns: [Overrun] = []
        let actualEnd = time + day.buffer
        if actualEnd > booking.end + day.buffer {
            for id in booking.tables {
                guard let table = floor.tableIndex[id] else { continue }
                for span in day.occupancy[table] where span.start < actualEnd && span.end > booking.start {
                    guard let other = span.booking, day.bookings[other]?.status.isActive == true else { continue }
                    overruns.append(Overrun(booking: other, table: id, startsAt: span.start))
                }
            }
        }
        return .success((finished, overruns.sorted { ($0.startsAt, $0.booking, $0.table) < ($1.startsAt, $1.booking, $1.table) }))
    }

    /// Records that a booked party did not come; its tables are free again.
    public static func noShow(_ booking: Booking) -> Result<Booking, SeatingError> {
        switch booking.status {
        case .noShow: return .success(booking)
        case .booked:
            var updated = booking
            updated.status = .noShow
            return .success(updated)
        case .seated, .finished, .cancelled:
            return .failure(.invalidState("booking \(booking.id) is \(booking.status.rawValue) and cannot be a no-show"))
        }
    }

    /// Where a walk-in party can sit at `time`: `closed` outside every service that day (a
    /// service takes walk-ins from its first seating until its end, or its last seating when it
    /// has none); else now, on the best unit free for its whole turn (walk-ins ignore grid,
    /// pacing and holds, and may use walk-in-only tables, but never a minute any booking holds), else now after re-assigning unlocked bookings (`reshuffle`,
    /// the placement's `moves`), or else the earliest time a fitting unit frees up.
    public static func walkIn(
        floor: Floor, day: DayState, time: Int, party: Int, duration: Int?, now: LocalMoment? = nil,
        reshuffle: Reshuffle.Planner? = nil
    ) -> Result<WalkInOutcome, SeatingError> {
        guard party <= floor.largestUnit else { return .failure(.partyTooLarge(party: party, largest: floor.largestUnit)) }
        guard floor.layout.services.contains(where: { $0.runs(on: day.weekday) && $0.seatsWalkIns(at: time) }) else {
            return .failure(.closed("no service takes walk-ins at \(ClockTime.format(time)) on \(day.date) (\(day.weekday.rawValue))"))
        }
        if let reason = BookingWindowRule.reason(floor: floor, date: day.date, time: time, channel: .walkIn, now: now) {
            let query = SeatingQuery(date: day.date, time: time, party: party, channel: .walkIn, now: now)
            return .failure(.outsideWindow(reason: reason, message: BookingWindowRule.explain(reason, floor: floor, query: query),
                                           alternatives: []))
        }
        func placement(at start: Int) -> Placement? {
            let turn = duration ?? floor.layout.turnTimes.minutes(party: party, weekday: day.weekday, start: start)
            guard start + turn + day.buffer <= ClockTime.limit else { return nil }
            let outcome = GreedyBestFit.choose(
                floor: floor, day: day, party: party, from: start, to: start + turn + day.buffer, area: nil, tags: [],
                channel: .walkIn)
            return outcome.unit.map { Placement(start: start, duration: turn, unit: $0, tables: floor.units[$0].tableIDs) }
        }
        if let now = placement(at: time) { return .success(.seatNow(now)) }
        if let reshuffle,
           let plan = reshuffle(SeatingQuery(date: day.date, time: time, party: party, duration: duration, channel: .walkIn)) {
            var now = plan.placement
            now.moves = plan.moves
            return .success(.seatNow(now))
        }
        // A unit can only become free where something on one of its tables ends.
        var instants = Set<Int>()
        for group in floor.candidates(for: party) {
            for unit in group.units {
                for table in floor.units[unit].members {
                    for span in day.occupancy[table] where span.end > time { instants.insert(span.end) }
                    for span in day.blocks[table] where span.end > time { instants.insert(span.end) }
                }
            }
        }
        for instant in instants.sorted() {
            if let later = placement(at: instant) { return .success(.wait(readyAt: instant, placement: later)) }
        }
        return .success(.noTable)
    }

    /// Units free for a party over `[from, from + duration + buffer)`, in greedy rank order, for a
    /// host choosing where to put a party instead.
    static func freeUnits(floor: Floor, day: DayState, party: Int, from: Int, duration: Int, limit: Int) -> [Slot] {
        let to = from + duration + day.buffer
        var slots: [Slot] = []
        for group in floor.candidates(for: party) {
            for unit in group.units {
                guard UnitRules.verdict(floor: floor, day: day, unit: unit, party: party, from: from, to: to, channel: .walkIn,
                                        named: true) == .allowed else { continue }
                slots.append(Slot(time: from, duration: duration, unit: unit, tables: floor.units[unit].tableIDs, reshuffle: false))
                if slots.count == limit { return slots }
            }
        }
        return slots
    }
}
