import Seating

/// A `Store` in process memory: for tests, benchmarks and throwaway sessions.
///
/// Invariants: same semantics as a durable store (versions, conflicts, unique keys), minus
/// durability; booking ids are `B` and a zero-padded sequence number, so runs are reproducible.
public final class InMemoryStore: Store {
    private var layouts: [String: StoredLayout] = [:]
    private var days: [DayKey: (bookings: [String: Booking], version: Int)] = [:]
    private var dayOfBooking: [String: DayKey] = [:]
    private var keys: [String: [String: IdempotencyRecord]] = [:]
    private var sequence = 0

    public init() {}

    public func layout(restaurant: String) throws -> StoredLayout? { layouts[restaurant] }

    public func layoutVersion(restaurant: String) throws -> Int { layouts[restaurant]?.version ?? 0 }

    public func saveLayout(_ layout: Layout, expectedVersion: Int?, unchangedDays: (from: ServiceDate, versions: [DayKey: Int])?,
                           bookings: [Booking]) throws -> Int {
        let current = layouts[layout.restaurant]?.version ?? 0
        if let expectedVersion, expectedVersion != current {
            throw StoreError.conflict("layout of \(layout.restaurant) is at version \(current), not \(expectedVersion)")
        }
        if let unchangedDays, try dayVersions(restaurant: layout.restaurant, from: unchangedDays.from) != unchangedDays.versions {
            throw StoreError.conflict("bookings of \(layout.restaurant) changed while the layout was checked")
        }
        layouts[layout.restaurant] = StoredLayout(layout: layout, version: current + 1)
        write(bookings)
        return current + 1
    }

    public func restaurantCount() throws -> Int { layouts.count }

    public func dayVersions(restaurant: String, from date: ServiceDate) throws -> [DayKey: Int] {
        var versions: [DayKey: Int] = [:]
        for (key, value) in days where key.restaurant == restaurant && key.date >= date { versions[key] = value.version }
        return versions
    }

    public func day(_ key: DayKey) throws -> DayRecord {
        guard let stored = days[key] else { return DayRecord(bookings: [], version: 0) }
        return DayRecord(bookings: stored.bookings.values.sorted { $0.id < $1.id }, version: stored.version)
    }

    public func dayVersion(_ key: DayKey) throws -> Int { days[key]?.version ?? 0 }

    public func booking(id: String) throws -> Booking? {
        guard let key = dayOfBooking[id] else { return nil }
        return days[key]?.bookings[id]
    }

    public func activeBookings(restaurant: String, from date: ServiceDate) throws -> [Booking] {
        days.filter { $0.key.restaurant == restaurant && $0.key.date >= date }
            .flatMap { $0.value.bookings.values.filter { $0.status.isActive } }
            .sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
    }

    public func idempotency(restaurant: String, key: String) throws -> IdempotencyRecord? {
        keys[restaurant]?[key]
    }

    public func newBookingID() throws -> String {
        sequence += 1
        let digits = String(sequence)
        return "B" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public func commit(_ batch: WriteBatch) throws {
        for (key, expected) in batch.expectedVersions where (days[key]?.version ?? 0) != expected {
            throw StoreError.conflict("\(key) changed since it was read")
        }
        for record in batch.idempotency where keys[record.restaurant]?[record.key] != nil {
            throw StoreError.duplicateKey(record.key)
        }
        write(batch.bookings)
        for record in batch.idempotency { keys[record.restaurant, default: [:]][record.key] = record }
    }

    /// Stores `bookings`, moving any whose date changed, and bumps the version of every day touched.
    private func write(_ bookings: [Booking]) {
        var touched: Set<DayKey> = []
        for booking in bookings {
            let key = DayKey(restaurant: booking.restaurant, date: booking.date)
            if let previous = dayOfBooking[booking.id], previous != key {
                days[previous]?.bookings.removeValue(forKey: booking.id)
                touched.insert(previous)
            }
            days[key, default: ([:], 0)].bookings[booking.id] = booking
            dayOfBooking[booking.id] = key
            touched.insert(key)
        }
        for key in touched { days[key]?.version += 1 }
    }
}
