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
    }

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
