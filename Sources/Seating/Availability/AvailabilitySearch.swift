/// Finds the bookable start times nearest to the time a party asked for.
///
/// Candidates are the grid times of the date inside `[time - before, time + after]`, tried in
/// order of distance from `time`, the earlier first on ties; the first `limit` that can be
/// offered are returned, each with its tables and duration. The asked time itself is always
/// judged, and when it cannot be offered `requested.reason` says which rule binds. At every
/// candidate time where the time's own rules pass but greedy finds no table (whatever its
/// reason), the whole-day re-assignment (`Reshuffle.find`, through `reshuffle`) is tried; a time
/// it can seat is offered with `reshuffle: true`, and booking it (same day version) succeeds with
/// the same plan. `requested.reason` stays the first rule that binds when no plan exists.
///
/// ```swift
/// // Party of 4 near Saturday 19:00, up to 90 minutes either side, five answers.
/// let request = AvailabilityRequest(query: SeatingQuery(date: saturday, time: 1140, party: 4))
/// let answer = AvailabilitySearch.search(floor: floor, day: day, request: request)
/// answer.slots.map(\.time)        // e.g. [1140, 1125, 1155, 1110, 1170]
/// answer.requested.reason         // .available
/// ```
public enum AvailabilitySearch {
    /// `reshuffle`: how to find whole-day re-assignments for times greedy cannot seat (nil: never).
    public static func search(floor: Floor, day: DayState, request: AvailabilityRequest,
                              reshuffle: Reshuffle.Planner? = nil) -> AvailabilityAnswer {
        let query = request.query
        let duration = SlotEvaluator.duration(floor: floor, query: query)
        guard SlotEvaluator.partyFits(floor: floor, query: query) else {
            return AvailabilityAnswer(duration: duration, slots: [],
                                      requested: .init(time: query.time, reason: .partyTooLarge))
        }
        let requested = verdict(floor: floor, day: day, query: query, reshuffle: reshuffle)
        var slots: [Slot] = []
        for time in candidateTimes(floor: floor, query: query, before: request.before, after: request.after) {
            guard slots.count < request.limit else { break }
            let verdict = time == query.time ? requested : verdict(floor: floor, day: day, query: query.at(time), reshuffle: reshuffle)
            if case .offer(let slot) = verdict { slots.append(slot) }
        }
        let reason: SlotReason
        switch requested {
        case .offer: reason = .available
        case .refuse(let why): reason = why
        }
        return AvailabilityAnswer(duration: duration, slots: slots, requested: .init(time: query.time, reason: reason))
    }

    /// One time: greedy's verdict, or a slot that needs other bookings to move when greedy's
    /// reason is one a re-assignment can overcome and `reshuffle` finds a plan.
    public static func verdict(floor: Floor, day: DayState, query: SeatingQuery, reshuffle: Reshuffle.Planner?) -> SlotEvaluator.Verdict {
        let verdict = SlotEvaluator.evaluate(floor: floor, day: day, query: query)
        guard case .refuse(let reason) = verdict, Reshuffle.canHelp(reason), let reshuffle,
              let plan = reshuffle(query) else { return verdict }
        return .offer(Slot(time: query.time, duration: plan.placement.duration, unit: plan.placement.unit,
                           tables: plan.placement.tables, reshuffle: true))
    }

    /// The times `search` judges, in the order it judges them: the asked time, then the candidate
    /// times (it stops once `limit` are offered).
    public static func askOrder(floor: Floor, request: AvailabilityRequest) -> [Int] {
        let query = request.query
        guard SlotEvaluator.partyFits(floor: floor, query: query) else { return [] }
        return [query.time] + candidateTimes(floor: floor, query: query, before: request.before, after: request.after).filter { $0 != query.time }
    }

    /// Grid times within the window, nearest first, the earlier first on ties.
    public static func candidateTimes(floor: Floor, query: SeatingQuery, before: Int, after: Int) -> [Int] {
        let grid = floor.grid(on: query.date.weekday)
        let low = Floor.lowerBound(grid, query.time - before)
        let high = Floor.lowerBound(grid, query.time + after + 1)
        guard low < high else { return [] }
        var times: [Int] = []
        times.reserveCapacity(high - low)
        var right = Floor.lowerBound(grid, query.time)
        var left = right - 1
        right = max(right, low)
        while left >= low || right < high {
            let takeLeft: Bool
            if left < low { takeLeft = false }
            else if right >= high { takeLeft = true }
            else { takeLeft = query.time - grid[left].time <= grid[right].time - query.time }
            if takeLeft { times.append(grid[left].time); left -= 1 }
            else { times.append(grid[right].time); right += 1 }
        }
        return times
    }
}

/// An availability question: the party's query plus the search window and answer count.
///
/// Invariants: `before`, `after` in `0...1440`; `limit` in `1...100`.
public struct AvailabilityRequest: Sendable, Equatable {
    public static let defaultWindow = 90
    public static let defaultLimit = 5

    public var query: SeatingQuery
    public var before: Int
    public var after: Int
    public var limit: Int

    public init(query: SeatingQuery, before: Int = defaultWindow, after: Int = defaultWindow, limit: Int = defaultLimit) {
        self.query = query
        self.before = before
        self.after = after
        self.limit = limit
    }
}

/// The answer to an availability question.
public struct AvailabilityAnswer: Sendable, Equatable {
    /// How the asked time fared.
    public struct Requested: Sendable, Equatable {
        public var time: Int
        public var reason: SlotReason
        public var available: Bool { reason == .available }
    }

    /// The turn time at the asked time.
    public var duration: Int
    public var slots: [Slot]
    public var requested: Requested
}
