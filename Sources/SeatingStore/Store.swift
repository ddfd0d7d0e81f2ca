import Seating

/// Identifies one restaurant-day, the unit of reading, locking and partitioning.
public struct DayKey: Hashable, Sendable, CustomStringConvertible {
    public let restaurant: String
    public let date: ServiceDate

    public init(restaurant: String, date: ServiceDate) {
        self.restaurant = restaurant
        self.date = date
    }

    public var description: String { "\(restaurant)/\(date)" }
}

/// A layout as stored: each `saveLayout` makes a new version, starting at 1.
public struct StoredLayout: Sendable {
    public let layout: Layout
    public let version: Int

    public init(layout: Layout, version: Int) {
        self.layout = layout
        self.version = version
    }
}

/// A restaurant-day's bookings and the version they were read at.
///
/// Invariant: `version` changes whenever any booking of the day is written, so a writer that
/// read version `v` can detect that another writer got there first.
public struct DayRecord: Sendable {
    public let bookings: [Booking]
    public let version: Int

    public init(bookings: [Booking], version: Int) {
        self.bookings = bookings
        self.version = version
    }
}

/// The first answer given to an idempotency key, so a retry gets the same answer.
///
/// Invariant: unique per (restaurant, key).
public struct IdempotencyRecord: Sendable, Equatable {
    public let restaurant: String
    public let key: String
    /// Canonical JSON of the request after defaults; a different request with the same key is a conflict.
    public let fingerprint: String
    public let bookingID: String
    /// The moves the first answer reported, as canonical JSON.
    public let moved: String

    /// How errors and audits name this record.
    public var recordName: String { "idempotency key \(key) of \(restaurant)" }

    public init(restaurant: String, key: String, fingerprint: String, bookingID: String, moved: String = "[]") {
        self.restaurant = restaurant
        self.key = key
        self.fingerprint = fingerprint
        self.bookingID = bookingID
        self.moved = moved
    }
}

/// Everything one request writes, committed atomically or not at all.
///
/// Invariant: `expectedVersions` lists the version of every restaurant-day read to make the
/// decision; `commit` fails with `StoreError.conflict` when any of them moved since.
public struct WriteBatch: Sendable {
    public var expectedVersions: [DayKey: Int]
    public var bookings: [Booking]
    public var idempotency: [IdempotencyRecord]

    public init(expectedVersions: [DayKey: Int] = [:], bookings: [Booking] = [], idempotency: [IdempotencyRecord] = []) {
        self.expectedVersions = expectedVersions
        self.bookings = bookings
        self.idempotency = idempotency
    }
}

extension Store {
    /// Saves a new layout version alone (see `saveLayout(_:expectedVersion:unchangedDays:bookings:)`).
    public func saveLayout(_ layout: Layout, expectedVersion: Int?, unchangedDays: (from: ServiceDate, versions: [DayKey: Int])?) throws -> Int {
        try saveLayout(layout, expectedVersion: expectedVersion, unchangedDays: unchangedDays, bookings: [])
    }
}

/// Why the store refused or failed.
public enum StoreError: Error, Sendable, Equatable {
    /// Another writer changed a restaurant-day (or layout) this writer read: re-read and retry.
    case conflict(String)
    /// An idempotency key was taken by a concurrent writer.
    case duplicateKey(String)
    /// The storage itself failed (disk, lock, I/O); nothing was written.
    case failure(String)
    /// The database server cannot be reached (down, restarting, network); nothing was written
    /// and the request may be retried. The store reconnects by itself on a later call.
    case unavailable(String)
    /// A stored value cannot be read as what it must be: `record` names the row (`booking
    /// B000042`, `layout of bistro`), `field` its column. Nothing is repaired or guessed.
    case corrupt(record: String, field: String, problem: String)
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .conflict(let text): "conflict: \(text)"
        case .duplicateKey(let key): "idempotency key \(key) taken concurrently"
        case .failure(let text): text
        case .unavailable(let text): "database unavailable: \(text)"
        case .corrupt(let record, let field, let problem): "\(record), field \(field): \(problem)"
        }
    }
}

/// Where restaurants' layouts and bookings live.
///
/// Access follows the engine's patterns: one restaurant's layout, "the bookings of a restaurant
/// on a date", one booking by id, one idempotency key. Every mutation goes through `commit`, which
/// is atomic and durable before it returns, and which re-checks the versions of the days read, so
/// two writers (threads or processes) can never both seat a party on the same table-minute.
public protocol Store: AnyObject {
    /// The current layout of a restaurant, if any.
    func layout(restaurant: String) throws -> StoredLayout?
    /// The current layout version of a restaurant (0 when it has none), cheaply, to validate a
    /// compiled copy without reading the document.
    func layoutVersion(restaurant: String) throws -> Int
    /// Saves a new layout version and, in the same atomic write, `bookings` (re-seated for it);
    /// fails with `conflict` when the current version is not `expectedVersion`, or when
    /// `unchangedDays` is given and the restaurant's days from its `from` date on are not exactly
    /// those versions any more (a booking slipped in).
    func saveLayout(_ layout: Layout, expectedVersion: Int?, unchangedDays: (from: ServiceDate, versions: [DayKey: Int])?,
                    bookings: [Booking]) throws -> Int
    /// The versions of a restaurant's days on `date` or later that hold any booking history.
    func dayVersions(restaurant: String, from date: ServiceDate) throws -> [DayKey: Int]
    /// How many restaurants have a layout.
    func restaurantCount() throws -> Int
    /// The bookings of a restaurant-day (any status) and its version.
    func day(_ key: DayKey) throws -> DayRecord
    /// The version of a restaurant-day, cheaply, to validate a cached copy.
    func dayVersion(_ key: DayKey) throws -> Int
    /// One booking by id.
    func booking(id: String) throws -> Booking?
    /// Active bookings of a restaurant on `date` or later (to check a layout change against).
    func activeBookings(restaurant: String, from date: ServiceDate) throws -> [Booking]
    /// The record of an idempotency key.
    func idempotency(restaurant: String, key: String) throws -> IdempotencyRecord?
    /// A booking id no other writer of this store will hand out.
    func newBookingID() throws -> String
    /// Writes the batch atomically and durably, or throws and writes nothing.
    func commit(_ batch: WriteBatch) throws
}
