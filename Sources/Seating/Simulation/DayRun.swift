/// One policy's evening: the event loop behind `Simulation.run`.
struct DayRun {
    enum Event: Comparable {
        // At one minute: tables freed first, then cancellations, stays extended, arrivals, then new
        // requests.
        case leave(String)
        case cancel(String)
        case overrun(String)
        case arrive(String)
        case retrySeat(String)
        case walkInRetry(Int)
        case walkIn(Int)
        case request(Int)
    }

    let scenario: Scenario
    let floor: Floor
    let demand: Demand
    let policy: SeatingPolicy
    /// Times each decision when given (`ReplicationMetrics.decisionMilliseconds`).
    let clock: DecisionClock?
    /// The evening so far. Any change forgets which queries found no table.
    var day: DayState {
        didSet {
            refused.removeAll(keepingCapacity: true)
            planner = Self.planner(policy: policy, floor: floor, day: day, verdicts: verdicts)
        }
    }
    /// Queries (time, party, duration, channel) that found no table on the day as it stands: a
    /// guest after guest asking for the same full time does not re-run the same search.
    var refused: Set<[Int]> = []
    var metrics = ReplicationMetrics()
    var queue = EventQueue()
    var reservationOf: [String: Int] = [:]
    var dining: [String: Int] = [:]
    var waitingSince: [String: Int] = [:]
    var walkInWaitingSince: [Int: Int] = [:]
    var nextID = 0
    /// Units in id order ("T9" before "T10"): the order `first-fit` tries them in.
    let unitsByID: [Int]

    init(scenario: Scenario, floor: Floor, demand: Demand, policy: SeatingPolicy, clock: DecisionClock? = nil) {
        self.scenario = scenario
        self.floor = floor
        self.demand = demand
        self.policy = policy
        self.clock = clock
        if clock != nil { metrics.decisionMilliseconds = [] }
        day = DayState(floor: floor, date: scenario.date, bookings: [])
        planner = Self.planner(policy: policy, floor: floor, day: day, verdicts: verdicts)
        unitsByID = floor.units.indices.sorted { floor.idRank[$0] < floor.idRank[$1] }
        for (index, request) in demand.reservations.enumerated() { queue.push(request.requestedAt, .request(index)) }
        for (index, walkIn) in demand.walkIns.enumerated() { queue.push(walkIn.time, .walkIn(index)) }
    }

    /// The `engine` policies' re-assignment on the day as it stands, as the service answers it:
    /// `Reshuffle.decide` behind the verdicts kept from one version of the day to the next.
    var planner: Reshuffle.Planner?
    let verdicts = KeptVerdicts()

    /// `DayVerdicts` and the whole-day memo shared by the planners of one run's successive days
    /// (as the service keeps them per restaurant-day).
    final class KeptVerdicts {
        var value = DayVerdicts()
        let memo = WholeDayMemo()
    }

    static func planner(policy: SeatingPolicy, floor: Floor, day: DayState, verdicts: KeptVerdicts) -> Reshuffle.Planner? {
        guard policy == .engine || policy == .engineRepack else { return nil }
        verdicts.value.advance(to: day, floor: floor)
        let decide = Reshuffle.decider(floor: floor, day: day, limits: Simulation.limits, memo: verdicts.memo)
        return { verdicts.value.verdict(for: $0, floor: floor, decide: decide).plan }
    }

    mutating func play() {
        while let (time, event) = queue.pop() {
            switch event {
            case .request(let index): timed { $0.request(index, at: time) }
            case .cancel(let id): cancel(id)
            case .arrive(let id): arrive(id, at: time)
            case .retrySeat(let id): arrive(id, at: time, retry: true)
            case .overrun(let id): overrun(id)
            case .leave(let id): leave(id, at: time)
            case .walkIn(let index): timed { $0.walkIn(index, at: time, retry: false) }
            case .walkInRetry(let index): timed { $0.walkIn(index, at: time, retry: true) }
            }
        }
    }

    /// Runs one seating decision, timing it when the run has a clock.
    mutating func timed(_ decision: (inout DayRun) -> Void) {
        let ((), milliseconds) = DecisionClock.measure(clock) { decision(&self) }
        if let milliseconds { metrics.decisionMilliseconds?.append(milliseconds) }
    }

    mutating func newID() -> String {
        nextID += 1
        return "s\(nextID)"
    }

    // MARK: Reservations

    mutating func request(_ index: Int, at now: Int) {
        let request = demand.reservations[index]
        metrics.requests += 1
        let coming = request.cancelShare == nil && !request.noShow
        if coming { metrics.arriving += 1 }
        let query = SeatingQuery(date: scenario.date, time: request.time, party: request.party, channel: .online)
        var placement: Placement?
        let times = AvailabilitySearch.candidateTimes(floor: floor, query: query, before: request.flexibility, after: request.flexibility)
            .filter { $0 >= now }
        for time in times {
            if let found = placeRemembering(query.at(time)) {
                placement = found
                break
            }
        }
        guard let placement else {
            metrics.turnAway(party: request.party, at: request.time, reason: refusalReason(query, times: times))
            return
        }
        apply(placement.moves)
        let id = newID()
        let booking = Booking(id: id, restaurant: floor.layout.restaurant, date: scenario.date, start: placement.start,
                              duration: placement.duration, party: request.party, tables: placement.tables, createdAt: "", updatedAt: "")
        day.upsert(booking)
        reservationOf[id] = index
        dining[id] = request.dining
        if let share = request.cancelShare {
            queue.push(now + Int(Double(max(0, booking.start - now)) * share), .cancel(id))
        }
        queue.push(booking.start, .arrive(id))
        if policy == .engineRepack { repack(from: now) }
    }

    /// Why a request found no time: what the service says at the nearest time of its window still
    /// ahead (`SlotEvaluator`; `no_table` where greedy found none and neither did the policy's
    /// re-assignment), or `past` when none is ahead any more.
    func refusalReason(_ query: SeatingQuery, times: [Int]) -> String {
        guard let nearest = times.first else { return SlotReason.past.rawValue }
        if case .refuse(let reason) = SlotEvaluator.evaluate(floor: floor, day: day, query: query.at(nearest)) { return reason.rawValue }
        return SlotReason.noTable.rawValue
    }

    /// `place`, skipping queries already refused on this very day.
    mutating func placeRemembering(_ query: SeatingQuery) -> Placement? {
        let key = [query.time, query.party, SlotEvaluator.duration(floor: floor, query: query), query.channel == .online ? 0 : 1]
        if refused.contains(key) { return nil }
        let found = place(query)
        if found == nil { refused.insert(key) }
        return found
    }

    /// The tables the policy gives an online party at the query's time, or nil.
    func place(_ query: SeatingQuery) -> Placement? {
        let duration = SlotEvaluator.duration(floor: floor, query: query)
        guard SlotEvaluator.admissionRules(floor: floor, day: day, query: query, duration: duration) == nil else { return nil }
        switch policy {
        case .firstFit:
            let to = query.time + duration + day.buffer
            for unit in unitsByID
                where UnitRules.verdict(floor: floor, day: day, unit: unit, party: query.party, from: query.time, to: to,
                                        channel: query.channel) == .allowed {
                return Placement(start: query.time, duration: duration, unit: unit, tables: floor.units[unit].tableIDs)
            }
            return nil
        case .bestFit:
            guard case .offer(let slot) = SlotEvaluator.evaluate(floor: floor, day: day, query: query) else { return nil }
            return Placement(start: slot.time, duration: slot.duration, unit: slot.unit, tables: slot.tables)
        case .engine, .engineRepack, .offline, .offlineFree:
            // What `book` does at one time, without the alternatives a refusal would list (the
            // guest's own window is searched here, time by time).
            switch SlotEvaluator.evaluate(floor: floor, day: day, query: query) {
            case .offer(let slot):
                return Placement(start: slot.time, duration: slot.duration, unit: slot.unit, tables: slot.tables)
            case .refuse(let reason):
                guard Reshuffle.canHelp(reason), let plan = planner?(query) else { return nil }
                var placement = plan.placement
                placement.moves = plan.moves
                return placement
            }
        }
    }

    mutating func apply(_ moves: [Reshuffle.Move]) {
        for move in moves {
            guard var booking = day.bookings[move.booking] else { continue }
            day.remove(booking.id)
            booking.tables = move.to
            day.upsert(booking)
            metrics.moves += 1
        }
    }

    mutating func repack(from now: Int) {
        let result = Repack.optimize(floor: floor, day: day, from: now, timeLimitMilliseconds: Simulation.repackMilliseconds)
        apply(result.moves)
    }

    mutating func cancel(_ id: String) {
        guard let booking = day.bookings[id], booking.status == .booked else { return }
        var cancelled = booking
        cancelled.status = .cancelled
        day.upsert(cancelled)
    }

    mutating func arrive(_ id: String, at now: Int, retry: Bool = false) {
        guard let booking = day.bookings[id], booking.status == .booked, let index = reservationOf[id] else { return }
        if demand.reservations[index].noShow {
            var missed = booking
            missed.status = .noShow
            day.upsert(missed)
            return
        }
        var without = day
        without.remove(id)
        var seated: Booking?
        if case .success(let done) = Reservations.seat(floor: floor, day: without, booking: booking, arrival: now, tables: nil) {
            seated = done
        } else if let slot = Reservations.freeUnits(floor: floor, day: without, party: booking.party, from: now,
                                                   duration: booking.duration, limit: 1).first,
                  case .success(let done) = Reservations.seat(floor: floor, day: without, booking: booking, arrival: now, tables: slot.tables) {
            seated = done
            if slot.tables != booking.tables { metrics.moves += 1 }
        }
        guard let seated else {
            // Its tables are still taken by a party that stays longer: wait for the next table to free.
            let since = waitingSince[id] ?? now
            waitingSince[id] = since
            if now - since >= 60 {
                metrics.turnAway(party: booking.party, at: booking.start, reason: ReplicationMetrics.waitedTooLong)
                var gone = booking
                gone.status = .noShow
                day.upsert(gone)
                return
            }
            queue.push(nextFree(after: now) ?? now + 15, .retrySeat(id))
            return
        }
        sit(seated, dining: demand.reservations[index].dining, at: now, reservation: true)
    }

    mutating func sit(_ booking: Booking, dining minutes: Int, at now: Int, reservation: Bool) {
        var seated = booking
        seated.status = .seated
        seated.locked = true
        day.upsert(seated)
        dining[seated.id] = minutes
        metrics.seated += 1
        metrics.covers += seated.party
        if reservation { metrics.reservationCovers += seated.party }
        let revenue = scenario.revenue(party: seated.party)
        metrics.revenue += revenue
        metrics.revenueByHour[now / 60, default: 0] += revenue
        if minutes > seated.duration { queue.push(now + seated.duration, .overrun(seated.id)) }
        queue.push(now + minutes, .leave(seated.id))
    }

    /// The party is still at table when its planned turn ends: it keeps the tables until it leaves.
    mutating func overrun(_ id: String) {
        guard var booking = day.bookings[id], booking.status == .seated, let minutes = dining[id] else { return }
        booking.duration = max(booking.duration, minutes)
        day.upsert(booking)
    }

    mutating func leave(_ id: String, at now: Int) {
        guard let booking = day.bookings[id], booking.status == .seated else { return }
        var without = day
        without.remove(id)
        guard case .success(let done) = Reservations.finish(floor: floor, day: without, booking: booking, at: max(now, booking.start + 1))
        else { return }
        day.upsert(done.booking)
        Simulation.addPresence(&metrics, from: booking.start, to: now, party: booking.party)
    }

    /// The next minute after `now` at which a seated party is due to leave.
    func nextFree(after now: Int) -> Int? {
        day.bookings.values.filter { $0.status == .seated }.compactMap { booking in
            dining[booking.id].map { booking.start + $0 }
        }.filter { $0 > now }.min()
    }

    // MARK: Walk-ins

    mutating func walkIn(_ index: Int, at now: Int, retry: Bool) {
        let walkIn = demand.walkIns[index]
        if !retry {
            metrics.requests += 1
            metrics.arriving += 1
        }
        let patience = scenario.walkIns?.patience ?? 0
        let since = walkInWaitingSince[index] ?? now
        let turn = floor.layout.turnTimes.minutes(party: walkIn.party, weekday: scenario.date.weekday, start: now)
        var placement: Placement?
        switch (scenario.walkInsSmallestFit, policy) {
        case (false, .firstFit):
            let to = now + turn + day.buffer
            if walkIn.party <= floor.largestUnit,
               let unit = unitsByID.first(where: {
                   UnitRules.verdict(floor: floor, day: day, unit: $0, party: walkIn.party, from: now, to: to, channel: .walkIn) == .allowed
               }) {
                placement = Placement(start: now, duration: turn, unit: unit, tables: floor.units[unit].tableIDs)
            }
        case (false, .engine), (false, .engineRepack):
            if case .success(.seatNow(let found)) = Reservations.walkIn(floor: floor, day: day, time: now, party: walkIn.party,
                                                                        duration: nil, reshuffle: planner) {
                placement = found
            }
        default:
            if let unit = GreedyBestFit.choose(floor: floor, day: day, party: walkIn.party, from: now, to: now + turn + day.buffer,
                                               area: nil, tags: [], channel: .walkIn).unit {
                placement = Placement(start: now, duration: turn, unit: unit, tables: floor.units[unit].tableIDs)
            }
        }
        if let placement {
            apply(placement.moves)
            let booking = Booking(id: newID(), restaurant: floor.layout.restaurant, date: scenario.date, start: now,
                                  duration: placement.duration, party: walkIn.party, tables: placement.tables, status: .seated,
                                  channel: .walkIn, locked: true, createdAt: "", updatedAt: "")
            sit(booking, dining: walkIn.dining, at: now, reservation: false)
            metrics.walkInsSeated += 1
            metrics.walkInWaits.append(now - since)
            walkInWaitingSince[index] = nil
            return
        }
        // Nothing now: wait for the quoted table if it comes within the party's patience.
        if patience > 0, case .success(.wait(let readyAt, _)) = Reservations.walkIn(floor: floor, day: day, time: now, party: walkIn.party,
                                                                                        duration: nil),
           readyAt - since <= patience, readyAt > now {
            walkInWaitingSince[index] = since
            queue.push(readyAt, .walkInRetry(index))
            return
        }
        metrics.walkInsLost += 1
        metrics.turnAway(party: walkIn.party, at: since, reason: ReplicationMetrics.walkInLeft)
    }
}
