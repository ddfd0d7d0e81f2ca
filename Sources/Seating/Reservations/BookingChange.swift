/// The fields a `modify` request may change; nil means "keep".
public struct BookingChange: Sendable, Equatable {
    public var date: ServiceDate?
    public var time: Int?
    public var party: Int?
    public var duration: Int?
    public var tables: [String]?
    public var notes: String?

    public init(date: ServiceDate? = nil, time: Int? = nil, party: Int? = nil, duration: Int? = nil,
                tables: [String]? = nil, notes: String? = nil) {
        self.date = date
        self.time = time
        self.party = party
        self.duration = duration
        self.tables = tables
        self.notes = notes
    }

    /// Whether the change can move the booking in time or space (anything but notes).
    public var touchesSeating: Bool {
        date != nil || time != nil || party != nil || duration != nil || tables != nil
    }

    /// Whether the change gives `booking` another date or start time: only then does the
    /// booking window judge it (a party already holding its time may change its size or tables).
    public func movesStart(of booking: Booking) -> Bool {
        (date.map { $0 != booking.date } ?? false) || (time.map { $0 != booking.start } ?? false)
    }
}

extension Reservations {
    /// Applies `change` to `booking`, re-placing it on `targetDay` (the day of the new date with
    /// the booking itself removed). All or nothing: on error the booking is unchanged.
    ///
    /// Placement rule: tables named in the change are checked and used; otherwise a locked
    /// booking keeps its tables or fails; otherwise the booking keeps its tables when they still
    /// fit and are free, and takes greedy best fit when not. A derived duration is recomputed
    /// from the turn times; a duration the guest gave is kept. A new date or time must lie in
    /// the booking window at `now` for the booking's channel. A seated party that keeps its start
    /// is judged on its tables only (it may have sat off the grid).
    public static func modify(
        floor: Floor, targetDay: DayState, booking: Booking, change: BookingChange, now: LocalMoment? = nil,
        reshuffle: Reshuffle.Planner? = nil
    ) -> Result<(booking: Booking, moves: [Reshuffle.Move]), SeatingError> {
        guard booking.status.isActive else {
            return .failure(.invalidState("booking \(booking.id) is \(booking.status.rawValue) and can no longer be modified"))
        }
        var updated = booking
        if let notes = change.notes { updated.notes = notes }
        guard change.touchesSeating else { return .success((updated, [])) }
        let keepsDuration = change.duration != nil || booking.durationGiven
        let query = SeatingQuery(
            date: change.date ?? booking.date, time: change.time ?? booking.start, party: change.party ?? booking.party,
            duration: change.duration ?? (keepsDuration ? booking.duration : nil),
            area: booking.area, tags: booking.tags, channel: booking.channel,
            now: change.movesStart(of: booking) ? now : nil)
        let pinned = change.tables ?? (booking.locked ? booking.tables : nil)
        let seated = booking.status == .seated && !change.movesStart(of: booking)
        switch place(floor: floor, day: targetDay, query: query, pinned: pinned, preferred: booking.tables, seated: seated,
                     reshuffle: reshuffle) {
        case .failure(let error): return .failure(error)
        case .success(let placement):
            updated.date = query.date
            updated.start = placement.start
            updated.duration = placement.duration
            updated.durationGiven = keepsDuration
            updated.party = query.party
            updated.tables = placement.tables
            if change.tables != nil { updated.locked = true }
            return .success((updated, placement.moves))
        }
    }

    /// Cancels a booked booking; cancelling a cancelled one is harmless.
    public static func cancel(_ booking: Booking) -> Result<Booking, SeatingError> {
        switch booking.status {
        case .cancelled: return .success(booking)
        case .booked:
            var updated = booking
            updated.status = .cancelled
            return .success(updated)
        case .seated, .finished, .noShow:
            return .failure(.invalidState("booking \(booking.id) is \(booking.status.rawValue) and cannot be cancelled"))
        }
    }
}
