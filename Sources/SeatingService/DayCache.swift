import Seating
import SeatingStore

/// Indexed restaurant-days kept between requests, so availability does not rebuild the index.
///
/// Invariants: an entry is used only while its layout version and day version equal the
/// store's; at most `capacity` entries, the least recently used evicted first.
struct DayCache {
    struct Entry {
        var layoutVersion: Int
        var dayVersion: Int
        var state: DayState
        var lastUsed: Int
        /// Whole-day re-assignment answers for this version of the day (nil: no plan found).
        var plans: [PlanKey: Reshuffle.Plan?] = [:]
    }

    /// What a re-assignment answer depends on besides the day: the party at its time.
    struct PlanKey: Hashable {
        var time: Int
        var party: Int
        var duration: Int?
        var channel: Booking.Channel
    }

    /// Answers kept per day version before the oldest are dropped.
    static let plansPerDay = 4_096

    let capacity: Int
    private var entries: [DayKey: Entry] = [:]
    private var tick = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entries.count }

    /// The day as stored now, from cache when still current.
    mutating func load(_ key: DayKey, floor: Floor, layoutVersion: Int, store: Store) throws -> (state: DayState, version: Int) {
        tick += 1
        let current = try store.dayVersion(key)
        if var entry = entries[key], entry.layoutVersion == layoutVersion, entry.dayVersion == current {
            entry.lastUsed = tick
            entries[key] = entry
            return (entry.state, entry.dayVersion)
        }
        let record = try store.day(key)
        let state = DayState(floor: floor, date: key.date, bookings: record.bookings)
        insert(key, Entry(layoutVersion: layoutVersion, dayVersion: record.version, state: state, lastUsed: tick))
        return (state, record.version)
    }

    /// Records a committed write: the day read at `readVersion` now holds `state` at `newVersion`.
    /// When another writer slipped in between, the entry is dropped and reloaded on next use.
    mutating func committed(_ key: DayKey, state: DayState, layoutVersion: Int, readVersion: Int, newVersion: Int) {
        tick += 1
        if newVersion == readVersion + 1 {
            insert(key, Entry(layoutVersion: layoutVersion, dayVersion: newVersion, state: state, lastUsed: tick))
        } else {
            entries.removeValue(forKey: key)
        }
    }

    /// The re-assignment answer for `query` on the cached day `key` at `dayVersion`, computed by
    /// `find` once per day version (availability asks far more often than the day changes; book
    /// then reuses the plan availability offered).
    mutating func plan(_ key: DayKey, dayVersion: Int, query: SeatingQuery, find: () -> Reshuffle.Plan?) -> Reshuffle.Plan? {
        let planKey = PlanKey(time: query.time, party: query.party, duration: query.duration, channel: query.channel)
        guard var entry = entries[key], entry.dayVersion == dayVersion else { return find() }
        if let known = entry.plans[planKey] { return known }
        let found = find()
        entries[key] = nil  // keep the entry uniquely referenced while it grows
        if entry.plans.count >= Self.plansPerDay { entry.plans.removeAll(keepingCapacity: true) }
        entry.plans[planKey] = .some(found)
        entries[key] = entry
        return found
    }

    mutating func removeAll(restaurant: String) {
        entries = entries.filter { $0.key.restaurant != restaurant }
    }

    private mutating func insert(_ key: DayKey, _ entry: Entry) {
        if entries[key] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            entries.removeValue(forKey: oldest)
        }
        entries[key] = entry
    }
}
