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
        /// Whole-day re-assignment answers, carried from version to version (`DayVerdicts`).
        var verdicts = DayVerdicts()
    }

    let capacity: Int
    private var entries: [DayKey: Entry] = [:]
    private var tick = 0
    /// The whole-day memos of the days asked most recently, by layout version (`WholeDayMemo`
    /// follows a day from version to version); far fewer than the days, being larger.
    private var memos: [DayKey: (layoutVersion: Int, memo: WholeDayMemo, lastUsed: Int)] = [:]
    static let memoCapacity = 32

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entries.count }

    /// The day as stored now, from cache when still current. A day another writer changed is read
    /// again, and what was decided about it carried over (`DayVerdicts.advance`).
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
        insert(key, Entry(layoutVersion: layoutVersion, dayVersion: record.version, state: state, lastUsed: tick,
                          verdicts: carried(key, to: state, layoutVersion: layoutVersion)))
        return (state, record.version)
    }

    /// The verdicts kept for `key` under the same layout, advanced to `state`; empty otherwise.
    private mutating func carried(_ key: DayKey, to state: DayState, layoutVersion: Int) -> DayVerdicts {
        var verdicts = entries.removeValue(forKey: key).flatMap { $0.layoutVersion == layoutVersion ? $0.verdicts : nil }
            ?? DayVerdicts()
        verdicts.advance(to: state, floor: state.floor)
        return verdicts
    }

    /// Records a committed write: the day read at `readVersion` now holds `state` at `newVersion`.
    /// When another writer slipped in between, the entry is dropped and reloaded on next use.
    /// Its verdicts are carried over either way; a slipped-in entry is marked stale (version -1).
    mutating func committed(_ key: DayKey, state: DayState, layoutVersion: Int, readVersion: Int, newVersion: Int) {
        tick += 1
        let verdicts = carried(key, to: state, layoutVersion: layoutVersion)
        insert(key, Entry(layoutVersion: layoutVersion, dayVersion: newVersion == readVersion + 1 ? newVersion : -1,
                          state: state, lastUsed: tick, verdicts: verdicts))
    }

    /// The re-assignment verdict for `query` on the cached day `key` at `dayVersion`: kept from
    /// this or an earlier version when still valid (`DayVerdicts`), else `decide`'s (availability
    /// asks far more often than the day changes; book then reuses the plan availability offered).
    mutating func verdict(_ key: DayKey, dayVersion: Int, floor: Floor, query: SeatingQuery,
                          decide: (SeatingQuery) -> Reshuffle.Verdict) -> Reshuffle.Verdict {
        withVerdicts(key, dayVersion: dayVersion, otherwise: { decide(query) }) {
            $0.verdict(for: query, floor: floor, decide: decide)
        }
    }

    /// The deeper look at `query`, undecided on the cached day `key` at `dayVersion`, kept with its
    /// verdicts (`DayVerdicts.deepen`); `deepen`'s answer alone when the day is not cached there.
    mutating func deepen(_ key: DayKey, dayVersion: Int, floor: Floor, query: SeatingQuery,
                         deepen: (SeatingQuery) -> Reshuffle.Verdict) -> Reshuffle.Verdict {
        withVerdicts(key, dayVersion: dayVersion, otherwise: { deepen(query) }) {
            $0.deepen(query, floor: floor, deepen: deepen)
        }
    }

    /// `body` on the verdicts of the cached day `key` at `dayVersion`, else `otherwise`.
    private mutating func withVerdicts(_ key: DayKey, dayVersion: Int, otherwise: () -> Reshuffle.Verdict,
                                       _ body: (inout DayVerdicts) -> Reshuffle.Verdict) -> Reshuffle.Verdict {
        guard var entry = entries[key], entry.dayVersion == dayVersion else { return otherwise() }
        entries[key] = nil  // keep the entry uniquely referenced while it grows
        let verdict = body(&entry.verdicts)
        entries[key] = entry
        return verdict
    }

    /// Whether `verdict` would answer `query` without deciding it (see `DayVerdicts.knows`).
    func knows(_ key: DayKey, dayVersion: Int, floor: Floor, query: SeatingQuery) -> Bool {
        guard let entry = entries[key], entry.dayVersion == dayVersion else { return false }
        return entry.verdicts.knows(query, floor: floor)
    }

    mutating func removeAll(restaurant: String) {
        entries = entries.filter { $0.key.restaurant != restaurant }
        memos = memos.filter { $0.key.restaurant != restaurant }
    }

    /// The whole-day memo of the cached day `key` under its layout version (a new one when the
    /// layout changed or none was kept); a fresh unkept one when the day is not cached.
    mutating func memo(_ key: DayKey) -> WholeDayMemo {
        guard let layoutVersion = entries[key]?.layoutVersion else { return WholeDayMemo() }
        tick += 1
        if let kept = memos[key], kept.layoutVersion == layoutVersion {
            memos[key]?.lastUsed = tick
            return kept.memo
        }
        if memos[key] == nil, memos.count >= Self.memoCapacity,
           let oldest = memos.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            memos.removeValue(forKey: oldest)
        }
        let memo = WholeDayMemo()
        memos[key] = (layoutVersion, memo, tick)
        return memo
    }

    private mutating func insert(_ key: DayKey, _ entry: Entry) {
        if entries[key] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            entries.removeValue(forKey: oldest)
        }
        entries[key] = entry
    }
}
