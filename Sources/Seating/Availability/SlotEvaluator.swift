/// Applies every rule to one candidate start time and either offers a slot or names the
/// first rule that binds.
///
/// Rule order (the `SlotReason` given is the first that fails): the party fits some unit of the
/// floor (`party_too_large`); the time is on a service grid that day (`closed`); for online
/// requests, a service there takes the party size (`party_size_not_accepted`) and the booking
/// ends by that service's `end` (`closed`); a free unit exists (`no_table`), not only among
/// blocked tables (`blocked`). Walk-in-only tables are never picked except for walk-ins.
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

    /// Checks the service rules (grid, party size, end) for `query` at its time.
    public static func serviceRules(floor: Floor, query: SeatingQuery, duration: Int) -> SlotReason? {
        guard partyFits(floor: floor, query: query) else { return .partyTooLarge }
        guard let slot = floor.gridSlot(on: query.date.weekday, at: query.time) else { return .closed }
        guard query.channel == .online else { return nil }
        let services = slot.services.map { floor.layout.services[$0] }
        let accepting = services.filter { $0.minParty <= query.party && query.party <= $0.maxParty }
        guard !accepting.isEmpty else { return .partySizeNotAccepted }
        guard accepting.contains(where: { $0.end.map { query.time + duration <= $0 } ?? true }) else { return .closed }
        return nil
    }

    /// Whether the engine may pick `unit` for the channel: walk-in-only tables go to walk-ins;
    /// a host reaches them only by naming them (`allowsPinned`).
    public static func channelAllows(floor: Floor, unit: Int, channel: Booking.Channel) -> Bool {
        channel == .walkIn || floor.units[unit].reservable
    }

    /// Whether a request that names `unit` may have it: everyone but online guests.
    public static func allowsPinned(floor: Floor, unit: Int, channel: Booking.Channel) -> Bool {
        channel != .online || floor.units[unit].reservable
    }

    /// Evaluates `query` at its time.
    public static func evaluate(floor: Floor, day: DayState, query: SeatingQuery) -> Verdict {
        let duration = duration(floor: floor, query: query)
        if let reason = serviceRules(floor: floor, query: query, duration: duration) { return .refuse(reason) }
        let outcome = GreedyBestFit.choose(
            floor: floor, day: day, party: query.party, from: query.time, to: query.time + duration + day.buffer,
            area: query.area, tags: query.tags,
            allows: { channelAllows(floor: floor, unit: $0, channel: query.channel) })
        guard let unit = outcome.unit else { return .refuse(outcome.blockedOnly ? .blocked : .noTable) }
        return .offer(Slot(time: query.time, duration: duration, unit: unit,
                           tables: floor.units[unit].tableIDs, reshuffle: false))
    }
}
