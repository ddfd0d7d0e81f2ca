import MaitreJSON
import Seating
import SeatingStore

extension SeatingService {
    /// `seat`: the party arrived (`time`, default its booked start); optional `tables` override.
    func seat(_ fields: Fields) throws -> JSONValue {
        let arrival = try fields.time("time")
        let tables = try fields.strings("tables", maxCount: 64)
        return try transition(fields) { booking, floor, day in
            Reservations.seat(floor: floor, day: day, booking: booking, arrival: arrival, tables: tables).map { ($0, []) }
        }
    }

    /// `finish`: the party left at `time`; a late finish lists the bookings it runs into.
    func finish(_ fields: Fields) throws -> JSONValue {
        let time = try fields.time("time", required: true)!
        return try transition(fields) { booking, floor, day in
            Reservations.finish(floor: floor, day: day, booking: booking, at: time).map { result in
                (result.booking, [JSONMember("overruns", .array(result.overruns.map { overrun in
                    .object([
                        JSONMember("booking", .string(overrun.booking)), JSONMember("table", .string(overrun.table)),
                        JSONMember("time", Encode.time(overrun.startsAt)),
                    ])
                }))])
            }
        }
    }

    /// `noshow`: the booked party did not come.
    func noShow(_ fields: Fields) throws -> JSONValue {
        try transition(fields) { booking, _, _ in Reservations.noShow(booking).map { ($0, []) } }
    }

    /// `walkin`: seat a party now (`seat`, default true) or quote its wait.
    func walkIn(_ fields: Fields) throws -> JSONValue {
        let restaurant = try fields.requiredString("restaurant", maxLength: 64)
        let date = try fields.date("date", required: true)!
        let time = try fields.time("time", required: true)!
        let party = try fields.requiredInt("party", in: QueryDecoding.party)
        let duration = try fields.int("duration", in: QueryDecoding.minutes)
        let seatNow = try fields.bool("seat") ?? true
        let notes = try fields.string("notes", maxLength: 2_000)
        let guestValue = fields.value["guest"].flatMap { $0.isNull ? nil : $0 }
        let guest = guestValue.map(JSONWriter.string)
        let (floor, layoutVersion) = try floor(restaurant)
        return try retryingConflicts { () throws -> JSONValue in
            let key = DayKey(restaurant: restaurant, date: date)
            var (day, version) = try dayState(key, floor: floor, layoutVersion: layoutVersion)
            let outcome: WalkInOutcome
            switch Reservations.walkIn(floor: floor, day: day, time: time, party: party, duration: duration, now: localNow(floor),
                                       reshuffle: seatNow ? planner(key, day: day, version: version, floor: floor) : nil) {
            case .success(let result): outcome = result
            case .failure(let error): throw ProtocolError(error)
            }
            switch outcome {
            case .seatNow(let placement) where seatNow:
                let now = timestamp
                let moved = apply(placement.moves, to: &day, at: now)
                let booking = Booking(
                    id: try store.newBookingID(), restaurant: restaurant, date: date, start: placement.start,
                    duration: placement.duration, party: party, tables: placement.tables, status: .seated,
                    channel: .walkIn, locked: true, notes: notes, guest: guest, durationGiven: duration != nil,
                    createdAt: now, updatedAt: now)
                day.upsert(booking)
                try commit(WriteBatch(expectedVersions: [key: version], bookings: moved.bookings + [booking]), states: [key: day],
                           layoutVersion: layoutVersion)
                return .object([JSONMember("seated", true), JSONMember("booking", Encode.booking(booking)), JSONMember("moved", moved.json)])
            case .seatNow(let placement):
                return Self.waitQuote(asked: time, readyAt: placement.start, placement: placement)
            case .wait(let readyAt, let placement):
                return Self.waitQuote(asked: time, readyAt: readyAt, placement: placement)
            case .noTable:
                return .object([
                    JSONMember("seated", false), JSONMember("waitMinutes", .null), JSONMember("readyAt", .null),
                    JSONMember("tables", .array([])), JSONMember("reason", .string(SlotReason.noTable.rawValue)),
                ])
            }
        }
    }

    static func waitQuote(asked: Int, readyAt: Int, placement: Placement) -> JSONValue {
        .object([
            JSONMember("seated", false), JSONMember("waitMinutes", .int(readyAt - asked)),
            JSONMember("readyAt", Encode.time(readyAt)), JSONMember("tables", Encode.strings(placement.tables)),
            JSONMember("duration", .int(placement.duration)),
        ])
    }
}
