import MaitreJSON
import Seating
import SeatingStore

extension SeatingService {
    /// `book`: re-check and assign atomically; idempotent per (restaurant, key).
    func book(_ fields: Fields) throws -> JSONValue {
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        let query = try QueryDecoding.query(fields)
        let key = try fields.string("idempotencyKey", maxLength: 128)
        if query.channel == .online, key == nil {
            throw ProtocolError.invalid("idempotencyKey", "is required for online bookings")
        }
        let pinned = try fields.strings("tables", maxCount: 64)
        let notes = try fields.string("notes", maxLength: 2_000)
        let guestValue = fields.value["guest"].flatMap { $0.isNull ? nil : $0 }
        let guest = guestValue.map(JSONWriter.string)
        let fingerprint = BookFingerprint(restaurant: restaurant, query: query, key: key, tables: pinned, notes: notes, guest: guestValue)
        let (floor, layoutVersion) = try floor(restaurant)

        return try retryingConflicts { () throws -> JSONValue in
            if let key, let record = try store.idempotency(restaurant: restaurant, key: key) {
                return try replay(record, fingerprint: fingerprint)
            }
            let dayKey = DayKey(restaurant: restaurant, date: query.date)
            var (day, version) = try dayState(dayKey, floor: floor, layoutVersion: layoutVersion)
            var windowed = query
            windowed.now = localNow(floor)
            let placement: Placement
            switch Reservations.place(floor: floor, day: day, query: windowed, pinned: pinned,
                                      reshuffle: planner(dayKey, day: day, version: version, floor: floor)) {
            case .success(let found): placement = found
            case .failure(let error): throw ProtocolError(error)
            }
            let now = timestamp
            let booking = Booking(
                id: try store.newBookingID(), restaurant: restaurant, date: query.date, start: placement.start,
                duration: placement.duration, party: query.party, tables: placement.tables, status: .booked,
                channel: query.channel, locked: pinned != nil, area: query.area, tags: query.tags, notes: notes,
                guest: guest, idempotencyKey: key, durationGiven: query.duration != nil, createdAt: now, updatedAt: now)
            let moved = apply(placement.moves, to: &day, at: now)
            day.upsert(booking)
            let records = key.map {
                [IdempotencyRecord(restaurant: restaurant, key: $0, fingerprint: fingerprint.text, bookingID: booking.id,
                                   moved: JSONWriter.string(moved.json))]
            } ?? []
            do {
                try commit(WriteBatch(expectedVersions: [dayKey: version], bookings: moved.bookings + [booking], idempotency: records),
                           states: [dayKey: day], layoutVersion: layoutVersion)
            } catch StoreError.duplicateKey {
                // A concurrent writer took the key first: answer as its replay.
                throw StoreError.conflict("idempotency key taken concurrently")
            }
            return Self.bookingResult(booking, moved: moved.json)
        }
    }

    func replay(_ record: IdempotencyRecord, fingerprint: BookFingerprint) throws -> JSONValue {
        guard let stored = BookFingerprint(stored: record.fingerprint) else {
            throw StoreError.corrupt(record: record.recordName, field: "fingerprint",
                                     problem: "not a fingerprint: \(record.fingerprint.prefix(80))")
        }
        guard stored == fingerprint else {
            throw ProtocolError(.idempotencyConflict,
                                "idempotency key \"\(record.key)\" was used for a different request (booking \(record.bookingID))",
                                field: "idempotencyKey", details: [JSONMember("booking", .string(record.bookingID))])
        }
        guard let booking = try store.booking(id: record.bookingID) else {
            throw StoreError.corrupt(record: record.recordName, field: "booking",
                                     problem: "points at booking \(record.bookingID), which is not stored")
        }
        guard let moved = try? JSONParser.parse(Array(record.moved.utf8)), moved.arrayValue != nil else {
            throw StoreError.corrupt(record: record.recordName, field: "moved",
                                     problem: "not a JSON array: \(record.moved.prefix(80))")
        }
        return Self.bookingResult(booking, moved: moved, replayed: true)
    }

    static func bookingResult(_ booking: Booking, moved: JSONValue, replayed: Bool = false) -> JSONValue {
        var members = [JSONMember("booking", Encode.booking(booking)), JSONMember("moved", moved)]
        if replayed { members.append(JSONMember("replayed", true)) }
        return .object(members)
    }

    /// The booking named by the request's `booking` field, and its floor.
    func existingBooking(_ fields: Fields) throws -> (booking: Booking, floor: Floor, layoutVersion: Int) {
        let id = try fields.requiredString("booking", maxLength: 64)
        guard let booking = try store.booking(id: id) else {
            throw ProtocolError(.notFound, "no booking \"\(id)\"", field: "booking")
        }
        let (floor, version) = try floor(booking.restaurant)
        return (booking, floor, version)
    }

    /// `modify`: all or nothing; the booking keeps its tables when they still work.
    func modify(_ fields: Fields) throws -> JSONValue {
        let change = BookingChange(
            date: try fields.date("date"), time: try fields.time("time"),
            party: try fields.int("party", in: QueryDecoding.party), duration: try fields.int("duration", in: QueryDecoding.minutes),
            tables: try fields.strings("tables", maxCount: 64), notes: try fields.string("notes", maxLength: 2_000))
        return try retryingConflicts { () throws -> JSONValue in
            let (booking, floor, layoutVersion) = try existingBooking(fields)
            let sourceKey = DayKey(restaurant: booking.restaurant, date: booking.date)
            let targetKey = DayKey(restaurant: booking.restaurant, date: change.date ?? booking.date)
            var (source, sourceVersion) = try dayState(sourceKey, floor: floor, layoutVersion: layoutVersion)
            source.remove(booking.id)
            var target = source
            var expected = [sourceKey: sourceVersion]
            if targetKey != sourceKey {
                let loaded = try dayState(targetKey, floor: floor, layoutVersion: layoutVersion)
                target = loaded.state
                expected[targetKey] = loaded.version
            }
            var updated: Booking
            let moves: [Reshuffle.Move]
            // The target day without the booking is no stored version: its verdicts are not kept.
            let planner: Reshuffle.Planner? = reshuffle.map { limits in
                let decide = Reshuffle.decider(floor: floor, day: target, limits: limits)
                return { decide($0).plan }
            }
            switch Reservations.modify(floor: floor, targetDay: target, booking: booking, change: change,
                                       now: localNow(floor), reshuffle: planner) {
            case .success(let result): (updated, moves) = result
            case .failure(let error): throw ProtocolError(error)
            }
            guard updated != booking else { return Self.bookingResult(booking, moved: .array([])) }
            let now = timestamp
            updated.updatedAt = now
            let moved = apply(moves, to: &target, at: now)
            target.upsert(updated)
            var states = [targetKey: target]
            if targetKey != sourceKey { states[sourceKey] = source }
            try commit(WriteBatch(expectedVersions: expected, bookings: moved.bookings + [updated]), states: states,
                       layoutVersion: layoutVersion)
            return Self.bookingResult(updated, moved: moved.json)
        }
    }

    /// `cancel`: frees the tables; cancelling again is harmless.
    func cancel(_ fields: Fields) throws -> JSONValue {
        try transition(fields) { booking, _, _ in Reservations.cancel(booking).map { ($0, []) } }
    }

    /// Applies a lifecycle transition to the booking named by `booking`: loads it and its day,
    /// hands the day *without* it to `change`, commits the result against the day's version, and
    /// answers `{booking, ...extra}`. Nothing is written when the booking comes back unchanged.
    func transition(
        _ fields: Fields,
        _ change: (Booking, Floor, DayState) -> Result<(Booking, [JSONMember]), SeatingError>
    ) throws -> JSONValue {
        try retryingConflicts { () throws -> JSONValue in
            let (booking, floor, layoutVersion) = try existingBooking(fields)
            let key = DayKey(restaurant: booking.restaurant, date: booking.date)
            var (day, version) = try dayState(key, floor: floor, layoutVersion: layoutVersion)
            day.remove(booking.id)
            let (updated, extra): (Booking, [JSONMember])
            switch change(booking, floor, day) {
            case .success(let result): (updated, extra) = result
            case .failure(let error): throw ProtocolError(error)
            }
            guard updated != booking else { return .object([JSONMember("booking", Encode.booking(booking))] + extra) }
            var changed = updated
            changed.updatedAt = timestamp
            day.upsert(changed)
            try commit(WriteBatch(expectedVersions: [key: version], bookings: [changed]), states: [key: day],
                       layoutVersion: layoutVersion)
            return .object([JSONMember("booking", Encode.booking(changed))] + extra)
        }
    }
}
