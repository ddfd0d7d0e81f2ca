import Foundation
import Logging
import MaitreJSON
import Seating
import SeatingStore

/// Answers protocol requests (PROTOCOL.md) against a store: one request in, one response out.
///
/// Invariants: every request gets exactly one response, `ok` or an error with its code; a
/// request that fails changes nothing; a mutating request is answered only after the store
/// committed it; nothing here writes to stdout. Not thread-safe: one service per writer loop.
///
/// ```swift
/// let service = SeatingService(store: InMemoryStore(), clock: SystemClock())
/// service.respond(toLine: Array(#"{"id":1,"op":"ping"}"#.utf8))
/// // {"id":1,"ok":true,"result":{"version":"0.1.0","restaurants":0}}
/// ```
public final class SeatingService {
    public static let version = "0.1.0"
    /// Attempts at a write that lost a race with another writer before giving up.
    static let writeAttempts = 64

    let store: Store
    let clock: ServiceClock
    /// How reshuffles are bounded; nil turns them off (greedy only).
    let reshuffle: Reshuffle.Limits?
    /// Whether an availability ask's whole-day questions are decided ahead on a second thread
    /// (`DecisionsAhead`): the same answers, sooner on a full evening, more CPU per ask.
    let decideAhead: Bool
    var floors: [String: (version: Int, floor: Floor)] = [:]
    var days: DayCache
    /// Where `internal` errors are reported (with the request id); they are never only swallowed.
    let logger: Logger

    public init(store: Store, clock: ServiceClock = SystemClock(), cachedDays: Int = 1_024,
                reshuffle: Reshuffle.Limits? = Reshuffle.Limits(), decideAhead: Bool = true,
                logger: Logger = Logger(label: "maitre", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.store = store
        self.clock = clock
        self.reshuffle = reshuffle
        self.decideAhead = decideAhead
        self.days = DayCache(capacity: cachedDays)
        self.logger = logger
    }

    /// The response line (without newline) for one request line.
    public func respond(toLine line: some Collection<UInt8>) -> [UInt8] {
        let response: JSONValue
        do {
            let request = try JSONParser.parse(line)
            response = respond(to: request)
        } catch {
            response = Self.failure(id: .null, ProtocolError(.invalidJSON, "malformed JSON: \(error.description)"))
        }
        var output: [UInt8] = []
        output.reserveCapacity(512)
        JSONWriter.write(response, into: &output)
        return output
    }

    /// The response to one parsed request.
    public func respond(to request: JSONValue) -> JSONValue {
        var id = JSONValue.null
        var op = "?"
        do {
            let fields = try Fields(request)
            if let given = request["id"] {
                switch given {
                case .string, .number, .null: id = given
                default: throw ProtocolError.invalid("id", "must be a string or a number, not \(given.typeDescription)")
                }
            }
            op = try fields.requiredString("op", maxLength: 64)
            return Self.success(id: id, try dispatch(op: op, fields))
        } catch let error as ProtocolError {
            if error.code == .internal { logInternal(error, id: id, op: op) }
            return Self.failure(id: id, error)
        } catch let error as StoreError {
            let failure = ProtocolError(error)
            if failure.code == .internal { logInternal(failure, id: id, op: op) }
            if failure.code == .unavailable {
                logger.warning("database unavailable: \(failure.message)", metadata: [
                    "request": .string(JSONWriter.string(id)), "op": .string(op),
                ])
            }
            return Self.failure(id: id, failure)
        } catch {
            let failure = ProtocolError(.internal, "unexpected error, nothing was changed: \(error)")
            logInternal(failure, id: id, op: op)
            return Self.failure(id: id, failure)
        }
    }

    private func logInternal(_ error: ProtocolError, id: JSONValue, op: String) {
        logger.error("internal error: \(error.message)", metadata: [
            "request": .string(JSONWriter.string(id)), "op": .string(op),
        ])
    }

    func dispatch(op: String, _ fields: Fields) throws -> JSONValue {
        switch op {
        case "ping": return try ping()
        case "layout.put": return try putLayout(fields)
        case "layout.get": return try getLayout(fields)
        case "availability": return try availability(fields)
        case "book": return try book(fields)
        case "modify": return try modify(fields)
        case "cancel": return try cancel(fields)
        case "day": return try day(fields)
        case "seat": return try seat(fields)
        case "finish": return try finish(fields)
        case "noshow": return try noShow(fields)
        case "walkin": return try walkIn(fields)
        case "optimize": return try optimize(fields)
        case "render": return try render(fields)
        default:
            throw ProtocolError(.unknownOp, "unknown op \"\(op)\"; known: \(Self.operations.joined(separator: ", "))", field: "op")
        }
    }

    static let operations = [
        "layout.put", "layout.get", "availability", "book", "modify", "cancel", "seat", "finish", "noshow", "walkin",
        "day", "optimize", "render", "ping",
    ]

    static func success(id: JSONValue, _ result: JSONValue) -> JSONValue {
        .object([JSONMember("id", id), JSONMember("ok", true), JSONMember("result", result)])
    }

    static func failure(id: JSONValue, _ error: ProtocolError) -> JSONValue {
        .object([JSONMember("id", id), JSONMember("ok", false), JSONMember("error", error.json)])
    }

    func ping() throws -> JSONValue {
        .object([JSONMember("version", .string(Self.version)), JSONMember("restaurants", .int(try store.restaurantCount()))])
    }

    // MARK: - Shared loading

    /// The compiled floor of a restaurant (cached per layout version) or `not_found`.
    func floor(_ restaurant: String, field: String = "restaurant") throws -> (floor: Floor, version: Int) {
        let current = try store.layoutVersion(restaurant: restaurant)
        if let cached = floors[restaurant], cached.version == current, current > 0 { return (cached.floor, cached.version) }
        guard let stored = try store.layout(restaurant: restaurant) else {
            throw ProtocolError(.notFound, "no layout for restaurant \"\(restaurant)\"", field: field)
        }
        let floor: Floor
        do { floor = try Floor(stored.layout, rules: .invariants) } catch {
            throw StoreError.corrupt(record: "layout of \(restaurant)", field: "layout",
                                     problem: "fails the floor's invariants: \(error.first.path): \(error.first.message)")
        }
        if floors.count >= days.capacity { floors.removeAll(keepingCapacity: true) }  // bounded: recompiling is cheap
        floors[restaurant] = (stored.version, floor)
        return (floor, stored.version)
    }

    func dayState(_ key: DayKey, floor: Floor, layoutVersion: Int) throws -> (state: DayState, version: Int) {
        try days.load(key, floor: floor, layoutVersion: layoutVersion, store: store)
    }

    /// How `key`'s day (as loaded, at `version`) finds re-assignments: `Reshuffle.decider` (work-
    /// bounded, no solver clock; its questions, the candidate times of one request, share what they
    /// compute of the day) behind the day cache's verdicts, which carry proofs and plans from one
    /// version of the day to the next (`DayVerdicts`); nil when reshuffles are off.
    ///
    /// `ask`: an availability ask's questions in the order its search asks them; from the first
    /// one that needs deciding, the rest that need it too are decided ahead on a helper thread
    /// (`DecisionsAhead`, when `decideAhead`), with the same answers. The caller stops it. With
    /// `deepBudget` (opt-in), the first of them left undecided gets the deeper look
    /// (`Reshuffle.deepen`, once per ask and per question while the day only tightens) unless a
    /// nearer time was offered: the guest's own time, or the nearest to it.
    func planner(_ key: DayKey, day: DayState, version: Int, floor: Floor, ask: AskAhead? = nil) -> Reshuffle.Planner? {
        guard let limits = reshuffle else { return nil }
        let memo = days.memo(key)
        let decide = Reshuffle.decider(floor: floor, day: day, limits: limits, memo: memo)
        return { query in
            if let ask, self.decideAhead, !ask.started, !self.days.knows(key, dayVersion: version, floor: floor, query: query),
               let first = ask.queries.firstIndex(of: query) {
                let rest = ask.queries[(first + 1)...].filter { later in
                    guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: floor, day: day, query: later),
                          Reshuffle.canHelp(reason) else { return false }
                    return !self.days.knows(key, dayVersion: version, floor: floor, query: later)
                }
                ask.started = true
                if !rest.isEmpty { ask.helper = DecisionsAhead(queries: [query] + rest, floor: floor, day: day, limits: limits, memo: memo.copy()) }
            }
            let verdict = self.days.verdict(key, dayVersion: version, floor: floor, query: query) { question in
                ask?.helper?.verdict(for: question, decide: decide) ?? decide(question)
            }
            if verdict.plan != nil { ask?.offered = true }
            // The ask's first undecided question, in the order its search asks, is looked at more
            // deeply, unless a time nearer the guest's is offered already (greedy's or a plan).
            guard verdict == .undecided, limits.deepBudget > 0, let ask, !ask.deepened, !ask.offered else { return verdict.plan }
            ask.deepened = true
            if let index = ask.queries.firstIndex(of: query), ask.queries[..<index].contains(where: { nearer in
                if case .offer = SlotEvaluator.evaluate(floor: floor, day: day, query: nearer) { return true }
                return false
            }) { return nil }
            return self.days.deepen(key, dayVersion: version, floor: floor, query: query) { question in
                Reshuffle.deepener(floor: floor, day: day, limits: limits, memo: memo)(question)
            }.plan
        }
    }

    /// Commits `batch`, then refreshes the cached days it touched from `states` (the days as the
    /// engine computed them). Once the batch is committed nothing fails the request: a day whose
    /// new version cannot be read (the database just went away) is dropped from the cache.
    func commit(_ batch: WriteBatch, states: [DayKey: DayState], layoutVersion: Int) throws {
        try store.commit(batch)
        for (key, state) in states {
            let readVersion = batch.expectedVersions[key] ?? 0
            days.committed(key, state: state, layoutVersion: layoutVersion, readVersion: readVersion,
                           newVersion: (try? store.dayVersion(key)) ?? -1)
        }
    }

    /// Runs `attempt` again when another writer changed a day it read (optimistic concurrency).
    func retryingConflicts<T>(_ attempt: () throws -> T) throws -> T {
        var lastConflict: StoreError?
        for _ in 0..<Self.writeAttempts {
            do {
                return try attempt()
            } catch let error as StoreError {
                guard case .conflict = error else { throw error }
                lastConflict = error
            }
        }
        throw ProtocolError(.internal, "gave up after \(Self.writeAttempts) write conflicts, nothing was changed: \(lastConflict.map { "\($0)" } ?? "")")
    }

    var timestamp: String { Timestamps.iso(clock.now()) }

    /// "Now" on `floor`'s own clock (its layout's `timezone`), for the booking window; nil (and
    /// no clock read) when the layout has none.
    func localNow(_ floor: Floor) -> LocalMoment? {
        floor.layout.bookingWindow == nil ? nil : Timestamps.localMoment(clock.now(), timezone: floor.layout.timezone)
    }

    /// Applies a reshuffle's moves to `day`; returns the moved bookings to write and the
    /// `moved` list of the response.
    func apply(_ moves: [Reshuffle.Move], to day: inout DayState, at now: String) -> (bookings: [Booking], json: JSONValue) {
        var moved: [Booking] = []
        for move in moves {
            guard var booking = day.bookings[move.booking] else { continue }
            booking.tables = move.to
            booking.updatedAt = now
            day.upsert(booking)
            moved.append(booking)
        }
        let json = JSONValue.array(moves.map { move in
            .object([
                JSONMember("booking", .string(move.booking)), JSONMember("from", Encode.strings(move.from)),
                JSONMember("to", Encode.strings(move.to)),
            ])
        })
        return (moved, json)
    }
}
