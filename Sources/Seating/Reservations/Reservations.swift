/// Book, modify and cancel as pure functions of the floor, the day and the request.
///
/// Invariants: a successful `place` returns tables free for the whole occupied interval that
/// respect the channel's rules; an error changes nothing; the same inputs give the same answer.
/// The service layer adds ids, timestamps, idempotency and storage around these.
///
/// ```swift
/// let query = SeatingQuery(date: saturday, time: 1140, party: 4)
/// switch Reservations.place(floor: floor, day: day, query: query, pinned: nil) {
/// case .success(let placement): placement.tables      // ["T7"]
/// case .failure(let error): error                     // .noCapacity(reason:alternatives:)
/// }
/// ```
public enum Reservations {
    /// Finds the tables for a new (or re-placed) booking. `pinned` are tables the host or guest
    /// chose; they are checked, never replaced. `preferred` are tables to keep when still valid
    /// (a modified booking stays where it is when it can).
    /// When greedy finds no table (whatever its reason) and `reshuffle` is given, unlocked bookings
    /// may be re-assigned (`Placement.moves`) to make room. `seated`: the party is already at its
    /// pinned tables, so only those tables are judged (the grid, the booking window and pacing
    /// concern arrivals, not a party in the room changing its size).
    public static func place(
        floor: Floor, day: DayState, query: SeatingQuery, pinned: [String]?, preferred: [String]? = nil,
        seated: Bool = false, reshuffle: Reshuffle.Planner? = nil
    ) -> Result<Placement, SeatingError> {
        let duration = SlotEvaluator.duration(floor: floor, query: query)
        if let pinned {
            return placePinned(floor: floor, day: day, query: query, duration: duration, tables: pinned, admission: !seated)
        }
        if let reason = SlotEvaluator.admissionRules(floor: floor, day: day, query: query, duration: duration) {
            return .failure(error(for: reason, floor: floor, day: day, query: query, reshuffle: reshuffle))
        }
        if let preferred, let unit = floor.unit(forTables: preferred),
           usable(floor: floor, day: day, unit: unit, query: query, duration: duration) == nil {
            return .success(Placement(start: query.time, duration: duration, unit: unit, tables: floor.units[unit].tableIDs))
        }
        switch SlotEvaluator.evaluate(floor: floor, day: day, query: query) {
        case .offer(let slot):
            return .success(Placement(start: slot.time, duration: slot.duration, unit: slot.unit, tables: slot.tables))
        case .refuse(let reason):
            if Reshuffle.canHelp(reason), let reshuffle, let plan = reshuffle(query) {
                var placement = plan.placement
                placement.moves = plan.moves
                return .success(placement)
            }
            return .failure(error(for: reason, floor: floor, day: day, query: query, reshuffle: reshuffle))
        }
    }

    /// The error for a refused time, with alternatives where the party could sit at other times.
    public static func error(for reason: SlotReason, floor: Floor, day: DayState, query: SeatingQuery,
                             reshuffle: Reshuffle.Planner? = nil) -> SeatingError {
        switch reason {
        case .available, .noTable, .blocked, .heldForWalkIns:
            return .noCapacity(reason: reason, alternatives: alternatives(floor: floor, day: day, query: query, reshuffle: reshuffle))
        case .pacingLimit:
            return .pacingLimit(alternatives: alternatives(floor: floor, day: day, query: query, reshuffle: reshuffle),
                                excess: SlotEvaluator.pacingExcess(floor: floor, day: day, query: query))
        case .partyTooLarge:
            return .partyTooLarge(party: query.party,
                                  largest: query.channel == .online ? floor.largestReservableUnit : floor.largestUnit)
        case .closed:
            if floor.gridSlot(on: query.date.weekday, at: query.time) == nil {
                return .closed("\(ClockTime.format(query.time)) on \(query.date) (\(query.date.weekday.rawValue)) is not a start time of any service")
            }
            return .closed("a booking at \(ClockTime.format(query.time)) would end after the service ends")
        case .past, .shortNotice, .beyondHorizon:
            return .outsideWindow(reason: reason, message: BookingWindowRule.explain(reason, floor: floor, query: query),
                                  alternatives: alternatives(floor: floor, day: day, query: query, reshuffle: reshuffle))
        case .partySizeNotAccepted:
            let limits = floor.gridSlot(on: query.date.weekday, at: query.time)?.services
                .map { floor.layout.services[$0] }.map { "\($0.name): \($0.minParty)-\($0.maxParty)" } ?? []
            return .partySizeNotAccepted("parties of \(query.party) are not taken online at that time (\(limits.joined(separator: ", ")))")
        }
    }

    /// The nearest offerable slots around the query's time (default window and count), found as
    /// availability finds them.
    public static func alternatives(floor: Floor, day: DayState, query: SeatingQuery,
                                    reshuffle: Reshuffle.Planner? = nil) -> [Slot] {
        AvailabilitySearch.search(floor: floor, day: day, request: AvailabilityRequest(query: query), reshuffle: reshuffle).slots
    }

    private static func placePinned(
        floor: Floor, day: DayState, query: SeatingQuery, duration: Int, tables: [String], admission: Bool
    ) -> Result<Placement, SeatingError> {
        let unit: Int
        switch namedUnit(floor: floor, tables: tables, party: query.party) {
        case .success(let found): unit = found
        case .failure(let error): return .failure(error)
        }
        let seating = floor.units[unit]
        guard UnitRules.channelAllows(floor: floor, unit: unit, channel: query.channel, named: true) else {
            return .failure(.invalidTables(index: nil, message: "\(seating.id) is for walk-ins only"))
        }
        if admission, let reason = SlotEvaluator.admissionRules(floor: floor, day: day, query: query, duration: duration),
           reason != .partyTooLarge {
            return .failure(error(for: reason, floor: floor, day: day, query: query))
        }
        if let reason = usable(floor: floor, day: day, unit: unit, query: query, duration: duration) {
            return .failure(.noCapacity(reason: reason, alternatives: alternatives(floor: floor, day: day, query: query)))
        }
        return .success(Placement(start: query.time, duration: duration, unit: unit, tables: seating.tableIDs))
    }

    /// The unit whose tables a request names, checked: known tables, exactly one table or one
    /// defined combination, seating the party.
    static func namedUnit(floor: Floor, tables: [String], party: Int) -> Result<Int, SeatingError> {
        guard !tables.isEmpty else { return .failure(.invalidTables(index: nil, message: "names no table")) }
        if let unknown = tables.firstIndex(where: { floor.tableIndex[$0] == nil }) {
            return .failure(.invalidTables(index: unknown, message: "unknown table \"\(tables[unknown])\""))
        }
        guard let unit = floor.unit(forTables: tables) else {
            return .failure(.invalidTables(index: nil, message: "\(tables.joined(separator: "+")) is neither a table nor a defined combination"))
        }
        let seating = floor.units[unit]
        guard seating.fits(party) else {
            return .failure(.invalidTables(index: nil, message: "\(seating.id) seats \(seating.min) to \(seating.max), not a party of \(party)"))
        }
        return .success(unit)
    }

    /// Nil when `unit` (named or kept by the request) can take the query's party at its time,
    /// else the reason it cannot.
    static func usable(floor: Floor, day: DayState, unit: Int, query: SeatingQuery, duration: Int) -> SlotReason? {
        switch UnitRules.verdict(floor: floor, day: day, unit: unit, party: query.party, from: query.time,
                                 to: query.time + duration + day.buffer, channel: query.channel, named: true) {
        case .allowed: return nil
        case .doesNotFit, .notForChannel, .occupied: return .noTable
        case .blocked: return .blocked
        case .held: return .heldForWalkIns
        }
    }
}
