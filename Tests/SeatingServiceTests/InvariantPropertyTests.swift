import Foundation
import MaitreJSON
import PropertyBased
import Seating
import SeatingService
import SeatingStore
import Testing

/// DESIGN.md's invariants, checked after random operation sequences on random layouts.
@Suite struct InvariantPropertyTests {
    static let clock = FixedClock(iso8601: "2026-11-19T09:00:00Z")!

    struct Run {
        var lines: [String] = []
        var responses: [String] = []
        var store = InMemoryStore()
        var layout: Layout?
        /// Offered times that needed bookings to move, booked.
        var reshuffledBooked = 0
    }

    /// Replays a seeded session through a fresh service, checking per-response rules on the way.
    static func run(seed: UInt64, operations: Int, reshuffle: Reshuffle.Limits = Reshuffle.Limits()) throws -> Run {
        var scenario = RandomScenario(seed: seed)
        var run = Run()
        let service = SeatingService(store: run.store, clock: clock, reshuffle: reshuffle)
        var bookingIDs: [String] = []
        var keys: [String: String] = [:]          // key -> first booking id
        var keyRequests: [String: String] = [:]   // key -> first request line
        let put = #"{"op":"layout.put","layout":\#(scenario.layoutJSON)}"#
        run.lines.append(put)
        let putResponse = String(decoding: service.respond(toLine: Array(put.utf8)), as: UTF8.self)
        run.responses.append(putResponse)
        #expect(putResponse.contains(#""ok":true"#), "seed \(seed): layout rejected: \(putResponse)")
        run.layout = try run.store.layout(restaurant: "prop")?.layout
        for _ in 0..<operations {
            let line = scenario.request(bookings: bookingIDs, keys: Array(keys.keys).sorted())
            let request = try JSONParser.parse(Array(line.utf8))
            let date = request["date"]?.stringValue.flatMap(ServiceDate.init)
            let before = try date.map { try run.store.day(DayKey(restaurant: "prop", date: $0)).bookings } ?? []
            let response = String(decoding: service.respond(toLine: Array(line.utf8)), as: UTF8.self)
            run.lines.append(line)
            run.responses.append(response)
            let parsed = try JSONParser.parse(Array(response.utf8))
            #expect(parsed["ok"]?.boolValue != nil, "seed \(seed): no ok in \(response)")
            if parsed["error"]?["code"]?.stringValue == "internal" {
                Issue.record("seed \(seed): internal error for \(line): \(response)")
            }
            if request["op"]?.stringValue == "walkin", let date {
                // A walk-in never breaks another booking: the only change allowed is an unlocked,
                // booked booking moved to other tables (same time, party, status), and every such
                // move is reported in `moved`.
                let after = try run.store.day(DayKey(restaurant: "prop", date: date)).bookings
                var reported: [String: JSONValue] = [:]
                for move in parsed["result"]?["moved"]?.arrayValue ?? [] { reported[move["booking"]!.stringValue!] = move["to"] }
                for old in before {
                    guard let new = after.first(where: { $0.id == old.id }) else {
                        Issue.record("seed \(seed): a walk-in removed \(old.id)")
                        continue
                    }
                    if new.tables == old.tables {
                        #expect(new == old, "seed \(seed): a walk-in changed \(old.id)")
                        #expect(reported[old.id] == nil)
                    } else {
                        var expected = old
                        expected.tables = new.tables
                        expected.updatedAt = new.updatedAt
                        #expect(new == expected && old.status == .booked && !old.locked,
                                "seed \(seed): a walk-in changed \(old.id) beyond moving an unlocked booking")
                        #expect(reported[old.id] == .array(new.tables.map { .string($0) }), "seed \(seed): unreported move of \(old.id)")
                    }
                }
                if let id = parsed["result"]?["booking"]?["id"]?.stringValue { bookingIDs.append(id) }
            }
            if request["op"]?.stringValue == "availability", let slot = parsed["result"]?["slots"]?.arrayValue?.first,
               let time = slot["time"]?.stringValue, let date {
                // An offered slot can be booked (same day version), with the tables it offered or
                // others, moving bookings when it said so.
                let party = request["party"]!.intValue!, channel = request["channel"]!.stringValue!
                let book = #"{"op":"book","restaurant":"prop","date":"\#(date)","time":"\#(time)","party":\#(party),"channel":"\#(channel)","idempotencyKey":"offered-\#(run.lines.count)"}"#
                let answer = String(decoding: service.respond(toLine: Array(book.utf8)), as: UTF8.self)
                run.lines.append(book)
                run.responses.append(answer)
                let booked = try JSONParser.parse(Array(answer.utf8))
                #expect(booked["ok"]?.boolValue == true, "seed \(seed): offered \(JSONWriter.string(slot)) but book said \(answer)")
                if booked["ok"]?.boolValue == true, slot["reshuffle"]?.boolValue == true { run.reshuffledBooked += 1 }
                if let id = booked["result"]?["booking"]?["id"]?.stringValue { bookingIDs.append(id) }
                continue
            }
            guard request["op"]?.stringValue == "book" else { continue }
            let key = request["idempotencyKey"]!.stringValue!
            if let booking = parsed["result"]?["booking"], let id = booking["id"]?.stringValue {
                if let first = keys[key] {
                    #expect(first == id, "seed \(seed): replay of \(key) returned \(id), first was \(first)")
                    #expect(parsed["result"]?["replayed"]?.boolValue == true)
                } else {
                    keys[key] = id
                    keyRequests[key] = line
                    bookingIDs.append(id)
                    if request["channel"]?.stringValue == "online", let layout = run.layout {
                        checkOnlineRules(booking: booking, layout: layout, seed: seed)
                        // As of when it was made: against the day right after, other bookings' moves included.
                        let made = try run.store.booking(id: id)!
                        let others = try run.store.day(DayKey(restaurant: "prop", date: made.date)).bookings.filter { $0.id != id }
                        let problems = OnlineRulesOracle.violations(of: made, before: others, layout: layout)
                        #expect(problems.isEmpty, "seed \(seed): online booking \(id) broke \(problems) as of when it was made")
                        // A moved online booking keeps the holds on its new tables (its pacing is unchanged).
                        for move in parsed["result"]?["moved"]?.arrayValue ?? [] {
                            guard let movedID = move["booking"]?.stringValue, let moved = try run.store.booking(id: movedID),
                                  moved.channel == .online else { continue }
                            let rest = others.filter { $0.id != movedID } + [made]
                            let broken = OnlineRulesOracle.violations(of: moved, before: rest, layout: layout).filter { !$0.hasPrefix("pacing") }
                            #expect(broken.isEmpty, "seed \(seed): moved online booking \(movedID) broke \(broken)")
                        }
                    }
                }
            } else if let code = parsed["error"]?["code"]?.stringValue, keys[key] != nil {
                #expect(code == "idempotency_conflict" || keyRequests[key] == line,
                        "seed \(seed): reused key \(key) answered \(code)")
            }
        }
        return run
    }

    /// An online booking, when made, starts on a service grid, within the service's party limits,
    /// and ends by the service end.
    static func checkOnlineRules(booking: JSONValue, layout: Layout, seed: UInt64) {
        let start = ClockTime.parse(booking["time"]!.stringValue!)!
        let duration = booking["duration"]!.intValue!
        let party = booking["party"]!.intValue!
        let date = ServiceDate(booking["date"]!.stringValue!)!
        let ok = layout.services.contains { service in
            service.runs(on: date.weekday) && service.grid(defaultSlot: layout.slotMinutes).contains(start)
                && service.minParty <= party && party <= service.maxParty
                && (service.end.map { start + duration <= $0 } ?? true)
        }
        #expect(ok, "seed \(seed): online booking breaks service rules: \(JSONWriter.string(booking))")
        let tables = booking["tables"]!.arrayValue!.compactMap(\.stringValue)
        let reservable = tables.allSatisfy { id in layout.tables.first { $0.id == id }?.reservable == true }
        #expect(reservable, "seed \(seed): online booking on a walk-in-only table")
        if let window = layout.bookingWindow {
            // Now is 2026-11-19 09:00 in the layout's UTC; the booking was made at now.
            let now = LocalMoment(date: ServiceDate("2026-11-19")!, minute: 9 * 60)
            #expect(now.minutes(until: date, at: start) >= window.minNoticeMinutes, "seed \(seed): inside the notice: \(JSONWriter.string(booking))")
            #expect(date.dayNumber - now.date.dayNumber <= window.horizonDays, "seed \(seed): beyond the horizon: \(JSONWriter.string(booking))")
        }
    }

    /// No two active bookings share a table-minute (buffer included); each sits on one table or
    /// one combination whose min..max holds its party.
    static func checkStore(_ run: Run, seed: UInt64) throws {
        guard let layout = run.layout else { return }
        let floor = try Floor(layout)
        for date in ["2026-11-20", "2026-11-21", "2026-11-22"] {
            let record = try run.store.day(DayKey(restaurant: "prop", date: ServiceDate(date)!))
            var minutes: [String: [(Int, Int, String)]] = [:]
            for booking in record.bookings where booking.status.isActive {
                guard let unit = floor.unit(forTables: booking.tables) else {
                    Issue.record("seed \(seed): \(booking.id) on \(booking.tables), not a table or combination")
                    continue
                }
                #expect(floor.units[unit].fits(booking.party), "seed \(seed): \(booking.id) party \(booking.party) on \(floor.units[unit].id)")
                for table in booking.tables {
                    minutes[table, default: []].append((booking.start, booking.end + layout.bufferMinutes, booking.id))
                }
            }
            for (table, spans) in minutes {
                let sorted = spans.sorted { $0.0 < $1.0 }
                for (a, b) in zip(sorted, sorted.dropFirst()) where a.1 > b.0 {
                    Issue.record("seed \(seed): \(a.2) and \(b.2) overlap on \(table) on \(date)")
                }
            }
        }
    }

    /// Random sessions per run: `MAITRE_LONG=1` runs 2,000.
    static var sessions: Int { ProcessInfo.processInfo.environment["MAITRE_LONG"] == "1" ? 2_000 : 60 }

    @Test func randomSessionsKeepEveryInvariant() async {
        await propertyCheck(count: Self.sessions, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            let run = try Self.run(seed: UInt64(seed), operations: 150)
            try Self.checkStore(run, seed: UInt64(seed))
        }
    }

    /// The deeper look (`Reshuffle.deepen`, opt-in) alone behind availability: every search that
    /// `decide` runs is given no budget, so each time offered with moves is the deeper look's plan,
    /// kept with the day's verdicts; booking it right after (a plain `decide` would leave it
    /// undecided) still succeeds, and the sessions keep every invariant.
    @Test func timesOfferedByTheDeeperLookCanBeBooked() async throws {
        let deepOnly = Reshuffle.Limits(searchBudget: 0, exactBudget: 0, rotationBudget: 0, clashOrderBudget: 0, deepBudget: 2_000)
        var booked = 0
        for seed in 0..<40 {
            let run = try Self.run(seed: UInt64(seed), operations: 150, reshuffle: deepOnly)
            try Self.checkStore(run, seed: UInt64(seed))
            booked += run.reshuffledBooked
        }
        #expect(booked >= 5, "coverage: \(booked) times offered by the deeper look booked")
    }

    /// The verdicts a service keeps across versions of a day (`DayVerdicts`) change no answer:
    /// after every request of a random session, two availability asks go to the service that has
    /// served the whole session and to a fresh one on the same store (deciding everything from
    /// scratch); both offer the same times and give the same reason for the asked time.
    @Test func keptVerdictsOfferWhatAFreshServiceOffers() async {
        await propertyCheck(count: 25, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var scenario = RandomScenario(seed: UInt64(seed))
            let store = InMemoryStore()
            let service = SeatingService(store: store, clock: Self.clock)
            _ = service.respond(toLine: Array(#"{"op":"layout.put","layout":\#(scenario.layoutJSON)}"#.utf8))
            var bookingIDs: [String] = []
            for _ in 0..<150 {
                let line = scenario.request(bookings: bookingIDs, keys: [])
                let response = try JSONParser.parse(service.respond(toLine: Array(line.utf8)))
                if let id = response["result"]?["booking"]?["id"]?.stringValue, !bookingIDs.contains(id) { bookingIDs.append(id) }
                for _ in 0..<2 {
                    let window = scenario.serviceWindow
                    let time = window.lowerBound + scenario.int(0...(window.count - 1) / 15) * 15
                    let ask = #"{"op":"availability","restaurant":"prop","date":"\#(scenario.pick(scenario.dates))","time":"\#(ClockTime.format(time))","party":\#(scenario.int(1...6)),"channel":"\#(scenario.pick(["online", "host"]))","before":60,"after":60,"limit":20}"#
                    let kept = try JSONParser.parse(service.respond(toLine: Array(ask.utf8)))
                    let fresh = try JSONParser.parse(SeatingService(store: store, clock: Self.clock).respond(toLine: Array(ask.utf8)))
                    func offered(_ answer: JSONValue) -> [String] {
                        (answer["result"]?["slots"]?.arrayValue ?? []).compactMap { $0["time"]?.stringValue }
                    }
                    #expect(offered(kept) == offered(fresh), "seed \(seed): \(ask): kept \(offered(kept)), fresh \(offered(fresh))")
                    let reason = kept["result"]?["requested"]?["reason"]
                    #expect(reason == fresh["result"]?["requested"]?["reason"], "seed \(seed): \(ask)")
                }
            }
        }
    }

    /// Deciding an ask's questions ahead on a second thread (`decideAhead`) changes no answer: two
    /// services on stores of their own get the same random session, wide availability asks after
    /// every request, and answer byte for byte alike, with the helper and without.
    @Test func decidingAheadChangesNoAnswer() async {
        await propertyCheck(count: 20, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var scenario = RandomScenario(seed: UInt64(seed))
            let ahead = SeatingService(store: InMemoryStore(), clock: Self.clock, decideAhead: true)
            let alone = SeatingService(store: InMemoryStore(), clock: Self.clock, decideAhead: false)
            func both(_ line: String) -> JSONValue? {
                let first = String(decoding: ahead.respond(toLine: Array(line.utf8)), as: UTF8.self)
                let second = String(decoding: alone.respond(toLine: Array(line.utf8)), as: UTF8.self)
                #expect(first == second, "seed \(seed): \(line)")
                return try? JSONParser.parse(Array(first.utf8))
            }
            _ = both(#"{"op":"layout.put","layout":\#(scenario.layoutJSON)}"#)
            var bookingIDs: [String] = []
            for _ in 0..<150 {
                let response = both(scenario.request(bookings: bookingIDs, keys: []))
                if let id = response?["result"]?["booking"]?["id"]?.stringValue, !bookingIDs.contains(id) { bookingIDs.append(id) }
                let window = scenario.serviceWindow
                let time = window.lowerBound + scenario.int(0...(window.count - 1) / 15) * 15
                _ = both(#"{"op":"availability","restaurant":"prop","date":"\#(scenario.pick(scenario.dates))","time":"\#(ClockTime.format(time))","party":\#(scenario.int(1...8)),"before":90,"after":90,"limit":8}"#)
            }
        }
    }

    @Test func sameRequestsGiveByteIdenticalAnswers() async {
        await propertyCheck(count: 15, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            let first = try Self.run(seed: UInt64(seed), operations: 80)
            let second = try Self.run(seed: UInt64(seed), operations: 80)
            #expect(first.lines == second.lines)
            #expect(first.responses == second.responses, "seed \(seed): answers differ")
        }
    }
}
