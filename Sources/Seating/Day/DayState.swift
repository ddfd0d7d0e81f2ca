/// A restaurant's bookings on one service date, indexed by table for fast "is it free" questions.
///
/// Invariants: `bookings` holds every booking of the date in any status; `occupancy[t]` lists,
/// sorted by start, the span `[start, end + buffer)` of each booking that occupies table `t`
/// (booked, seated, finished), and nothing else; `blocks[t]` lists the layout's blocks of table
/// `t` on this date; `pacing` holds, per pacing bucket, the covers and parties of the online and
/// host bookings (booked, seated or finished) that start in it. Mutations keep all three in step.
///
/// ```swift
/// var day = DayState(floor: floor, date: date, bookings: [])
/// day.upsert(booking)                                   // occupies its tables
/// day.isFree(table: 0, from: 19 * 60, to: 20 * 60)      // false if the booking overlaps
/// ```
public struct DayState: Sendable {
    /// A minute range `[start, end)` on one table, and the booking (or nil for a block) behind it.
    public struct Span: Sendable, Equatable {
        public let start: Int
        public let end: Int
        public let booking: String?
        /// A reservation (online or host), as opposed to a walk-in: only reservations use up
        /// capacity held for walk-ins.
        public var reservation: Bool = true
    }

    /// Covers and parties starting in one pacing bucket.
    public struct PacingCount: Sendable, Equatable {
        public var covers = 0
        public var parties = 0
    }

    public let date: ServiceDate
    public let weekday: Weekday
    public let buffer: Int
    public private(set) var bookings: [String: Booking]
    public private(set) var occupancy: [[Span]]
    public let blocks: [[Span]]
    public private(set) var pacing: [Floor.PacingBucket: PacingCount] = [:]
    public let floor: Floor

    public init(floor: Floor, date: ServiceDate, bookings: [Booking]) {
        self.date = date
        self.weekday = date.weekday
        self.buffer = floor.layout.bufferMinutes
        self.floor = floor
        self.bookings = [:]
        self.occupancy = Array(repeating: [], count: floor.tables.count)
        var blocks: [[Span]] = Array(repeating: [], count: floor.tables.count)
        for block in floor.layout.blocks where block.date == date {
            for id in block.tables {
                if let index = floor.tableIndex[id] { blocks[index].append(Span(start: block.from, end: block.to, booking: nil)) }
            }
        }
        self.blocks = blocks.map { $0.sorted { $0.start < $1.start } }
        for booking in bookings { upsert(booking) }
    }

    /// The minutes a booking keeps its tables, buffer included; nil when it keeps none.
    public func occupiedSpan(of booking: Booking) -> (start: Int, end: Int)? {
        booking.status.occupiesTables ? (booking.start, booking.end + buffer) : nil
    }

    /// The pacing bucket a booking counts in, if it counts: online and host bookings that are
    /// booked, seated or finished, starting in a paced service.
    public func pacingBucket(of booking: Booking) -> Floor.PacingBucket? {
        guard booking.channel != .walkIn, booking.status.occupiesTables else { return nil }
        return floor.pacingBucket(on: weekday, at: booking.start)
    }

    /// Covers and parties already starting in `bucket`.
    public func pacingCount(_ bucket: Floor.PacingBucket) -> PacingCount { pacing[bucket] ?? PacingCount() }

    /// Adds or replaces a booking, moving its occupancy and pacing counts.
    public mutating func upsert(_ booking: Booking) {
        remove(booking.id)
        bookings[booking.id] = booking
        if let bucket = pacingBucket(of: booking) {
            pacing[bucket, default: PacingCount()].covers += booking.party
            pacing[bucket, default: PacingCount()].parties += 1
        }
        guard let span = occupiedSpan(of: booking) else { return }
        for id in booking.tables {
            guard let table = floor.tableIndex[id] else { continue }
            let entry = Span(start: span.start, end: span.end, booking: booking.id, reservation: booking.channel != .walkIn)
            var index = occupancy[table].count
            while index > 0, occupancy[table][index - 1].start > entry.start { index -= 1 }
            occupancy[table].insert(entry, at: index)
        }
    }

    /// Removes a booking and its occupancy (used to re-place a booking being modified).
    public mutating func remove(_ id: String) {
        guard let old = bookings.removeValue(forKey: id) else { return }
        if let bucket = pacingBucket(of: old) {
            pacing[bucket]?.covers -= old.party
            pacing[bucket]?.parties -= 1
        }
        for table in old.tables {
            guard let index = floor.tableIndex[table] else { continue }
            occupancy[index].removeAll { $0.booking == id }
        }
    }

    /// Whether no booking occupies table `table` at any minute of `[from, to)`.
    @inline(__always)
    public func isFree(table: Int, from: Int, to: Int) -> Bool {
        // Indices, not elements: copying a span would retain its booking id.
        occupancy[table].withUnsafeBufferPointer { spans in
            for index in spans.indices {
                if spans[index].start >= to { return true }
                if spans[index].end > from { return false }
            }
            return true
        }
    }

    /// Whether a block covers table `table` at any minute of `[from, to)`.
    @inline(__always)
    public func isBlocked(table: Int, from: Int, to: Int) -> Bool {
        blocks[table].withUnsafeBufferPointer { spans in
            spans.indices.contains { spans[$0].start < to && spans[$0].end > from }
        }
    }

    /// Whether no reservation (walk-ins aside) and no block covers `table` during `[from, to)`:
    /// the table counts towards a count hold's free tables there.
    public func isFreeOfReservations(table: Int, from: Int, to: Int) -> Bool {
        for span in occupancy[table] {
            if span.start >= to { break }
            if span.end > from && span.reservation { return false }
        }
        return !isBlocked(table: table, from: from, to: to)
    }

    /// Bookings occupying `table` during `[from, to)`, in start order.
    public func occupants(table: Int, from: Int, to: Int) -> [String] {
        occupancy[table].filter { $0.start < to && $0.end > from }.compactMap(\.booking)
    }

    /// Free minutes left next to `[from, to)` on `table`: the gap back to the previous span's end
    /// plus the gap to the next span's start, each capped at `cap` when there is no neighbour.
    public func neighbouringGap(table: Int, from: Int, to: Int, cap: Int) -> Int {
        var before = cap, after = cap
        for span in occupancy[table] {
            if span.end <= from { before = min(before, from - span.end) }
            else if span.start >= to { after = min(after, span.start - to); break }
        }
        return before + after
    }

    /// Active bookings (booked or seated) in start order, then id.
    public var activeBookings: [Booking] {
        bookings.values.filter { $0.status.isActive }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }
}
