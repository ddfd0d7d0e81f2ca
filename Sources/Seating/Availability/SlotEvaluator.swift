/// Applies every rule to one candidate start time and either offers a slot or names the
/// first rule that binds.
///
/// Rule order (the `SlotReason` given is the first that fails):
/// 1. `party_too_large`: no unit the engine may pick for the channel seats the party;
/// 2. `closed`: the time is not on a service grid that day, or (online) the booking would end
///    after the service's `end`;
/// 3. `past`, `short_notice`, `beyond_horizon`: outside the booking window (`BookingWindowRule`);
/// 4. `party_size_not_accepted`: (online) no service at that time takes the party size;
/// 5. `pacing_limit`: (online) the pacing bucket would exceed its covers or parties;
/// 6. `held_for_walk_ins`: a unit is free, but only among held ones (table holds bind online and
///    host reservations, count holds online ones);
/// 7. `blocked`: a unit is free of bookings, but only among blocked ones;
/// 8. `no_table`: every unit that seats the party is taken.
/// Walk-in-only tables are never picked except for walk-ins; walk-ins ignore pacing and holds.
public enum SlotEvaluator {
    /// The verdict on one start time.
    public enum Verdict: Sendable, Equatable {
        case offer(Slot)
        case refuse(SlotReason)
    }

    /// The turn time of `query` at its time (its own duration when it gives one).
    public static func duration(floor: Floor, query: SeatingQuery) -> Int {
        query.duration ?? floor.layout.turnTimes.minutes(party: query.party, weekday: query.date.weekday, start: query.time)
    }

    /// Whether the party fits any unit the engine may pick for the channel.
    public static func partyFits(floor: Floor, query: SeatingQuery) -> Bool {
        query.party <= (query.channel == .walkIn ? floor.largestUnit : floor.largestReservableUnit)
    }

    /// Rules 1 to 4: the floor, the grid, the booking window, the service's online limits and end.
    public static func serviceRules(floor: Floor, query: SeatingQuery, duration: Int) -> SlotReason? {
        guard partyFits(floor: floor, query: query) else { return .partyTooLarge }
        guard let slot = floor.gridSlot(on: query.date.weekday, at: query.time) else { return .closed }
        if let reason = BookingWindowRule.reason(floor: floor, date: query.date, time: query.time,
                                                 channel: query.channel, now: query.now) { return reason }
        guard query.channel == .online else { return nil }
        let services = slot.services.map { floor.layout.services[$0] }
        let accepting = services.filter { $0.minParty <= query.party && query.party <= $0.maxParty }
        guard !accepting.isEmpty else { return .partySizeNotAccepted }
        guard accepting.contains(where: { $0.end.map { query.time + duration <= $0 } ?? true }) else { return .closed }
        return nil
    }

    /// A pacing cap an online party would pass: covers or parties starting in its bucket, the
    /// cap, and how many already start there.
    public struct PacingExcess: Sendable, Equatable {
        public enum Cap: String, Sendable { case covers, parties }
        public var cap: Cap
        public var limit: Int
        public var already: Int
    }

    /// Rule 5: whether an online party of `query.party` still fits its pacing bucket.
    public static func pacingAllows(floor: Floor, day: DayState, query: SeatingQuery) -> Bool {
        pacingExcess(floor: floor, day: day, query: query) == nil
    }

    /// Rule 5's reason: the first cap (covers, then parties) that `query` would pass, or nil.
    public static func pacingExcess(floor: Floor, day: DayState, query: SeatingQuery) -> PacingExcess? {
        guard query.channel == .online, let bucket = floor.pacingBucket(on: day.weekday, at: query.time),
              let pacing = floor.layout.services[bucket.service].pacing else { return nil }
        let count = day.pacingCount(bucket)
        if let maxCovers = pacing.maxCovers, count.covers + query.party > maxCovers {
            return PacingExcess(cap: .covers, limit: maxCovers, already: count.covers)
        }
        if let maxParties = pacing.maxParties, count.parties + 1 > maxParties {
            return PacingExcess(cap: .parties, limit: maxParties, already: count.parties)
        }
        return nil
    }

    /// Rules 1 to 5: everything about the time, before any table is looked at.
    public static func admissionRules(floor: Floor, day: DayState, query: SeatingQuery, duration: Int) -> SlotReason? {
        if let reason = serviceRules(floor: floor, query: query, duration: duration) { return reason }
        return pacingAllows(floor: floor, day: day, query: query) ? nil : .pacingLimit
    }

    /// Evaluates `query` at its time.
    public static func evaluate(floor: Floor, day: DayState, query: SeatingQuery) -> Verdict {
        let duration = duration(floor: floor, query: query)
        if let reason = admissionRules(floor: floor, day: day, query: query, duration: duration) { return .refuse(reason) }
        let from = query.time, to = query.time + duration + day.buffer
        let outcome = GreedyBestFit.choose(
            floor: floor, day: day, party: query.party, from: from, to: to, area: query.area, tags: query.tags,
            channel: query.channel)
        guard let unit = outcome.unit else {
            return .refuse(outcome.sawHeld ? .heldForWalkIns : outcome.sawBlocked ? .blocked : .noTable)
        }
        return .offer(Slot(time: query.time, duration: duration, unit: unit,
                           tables: floor.units[unit].tableIDs, reshuffle: false))
    }
}
