import MaitreJSON
import Seating
import SeatingService
import SeatingStore
import Testing

/// `layout.put` with `dryRun` (what a change would do) and `reassign` (do it atomically).
@Suite struct LayoutWhatIfTests {
    /// The small floor (two two-tops, a four-top T3, T1+T2 for 3-4) with a couple on each
    /// two-top and a four on T3, all at 19:00, on Saturday.
    static func harness() -> (ServiceHarness, [String: String]) {
        let harness = ServiceHarness()
        harness.putSmall()
        var ids: [String: String] = [:]
        for (key, party, tables) in [("c1", 2, "T1"), ("c2", 2, "T2"), ("four", 4, "T3")] {
            let answer = harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":\#(party),"channel":"host","tables":["\#(tables)"]}"#)
            ids[key] = answer.result["booking"]?["id"]?.stringValue
        }
        return (harness, ids)
    }

    static func layout(_ tables: String) -> String {
        ServiceHarness.small.replacingOccurrences(
            of: #""tables":[{"id":"T1","min":1,"max":2},{"id":"T2","min":1,"max":2},{"id":"T3","min":2,"max":4}],"combinations":[{"id":"T1+T2","tables":["T1","T2"],"min":3,"max":4}]"#,
            with: tables)
    }

    static func tablesOf(_ harness: ServiceHarness) -> [String: [String]] {
        var tables: [String: [String]] = [:]
        for booking in harness.send(#"{"op":"day","restaurant":"r","date":"2026-11-21"}"#).result["bookings"]?.arrayValue ?? [] {
            tables[booking["id"]!.stringValue!] = booking["tables"]?.arrayValue?.compactMap(\.stringValue)
        }
        return tables
    }

    @Test func aDryRunShowsWhoMovesAndChangesNothing() {
        let (harness, _) = Self.harness()
        // The host named their tables, so these bookings are locked. T2 goes; a new two-top T4 arrives.
        let renamed = Self.layout(#""tables":[{"id":"T1","min":1,"max":2},{"id":"T4","min":1,"max":2},{"id":"T3","min":2,"max":4}]"#)
        let before = Self.tablesOf(harness)
        let dry = harness.send(#"{"op":"layout.put","dryRun":true,"layout":\#(renamed)}"#)
        #expect(dry.result["dryRun"] == true)
        // The couple on T2 is locked (the host named T2): it cannot be moved, so it is unseatable.
        #expect(dry.result["unseatable"]?.arrayValue?.count == 1)
        #expect(dry.result["before"]?["tables"] == 3)
        #expect(dry.result["after"]?["combinations"] == 0)
        #expect(Self.tablesOf(harness) == before, "a dry run changes nothing")
        #expect(harness.send(#"{"op":"layout.get","restaurant":"r"}"#).result["version"] == 1)
        let refused = harness.send(#"{"op":"layout.put","reassign":true,"layout":\#(renamed)}"#)
        #expect(refused.code == "layout_conflict")
        #expect(refused["error"]?["bookings"]?.arrayValue?.first?["reason"]?.stringValue?.contains("locked") == true)
        #expect(Self.tablesOf(harness) == before)
    }

    @Test func reassignMovesUnlockedBookingsAtomically() {
        let harness = ServiceHarness()
        harness.putSmall()
        // Online bookings (not locked): greedy puts the couples on T1 and T2, the four on T3.
        var ids: [String] = []
        for (key, party) in [("a", 2), ("b", 2), ("c", 4)] {
            ids.append(harness.send(#"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:00","party":\#(party),"idempotencyKey":"\#(key)"}"#)
                .result["booking"]!["id"]!.stringValue!)
        }
        let before = Self.tablesOf(harness)
        let couple = ids.first { before[$0] == ["T2"] }!
        let renamed = Self.layout(#""tables":[{"id":"T1","min":1,"max":2},{"id":"T4","min":1,"max":2},{"id":"T3","min":2,"max":4}]"#)
        // A plain put refuses: the couple's T2 is gone.
        #expect(harness.send(#"{"op":"layout.put","layout":\#(renamed)}"#).code == "layout_conflict")
        let dry = harness.send(#"{"op":"layout.put","dryRun":true,"layout":\#(renamed)}"#)
        #expect(dry.result["moved"] == [.object([JSONMember("booking", .string(couple)), JSONMember("from", ["T2"]), JSONMember("to", ["T4"])])])
        #expect(dry.result["kept"] == 2)
        #expect(dry.result["unseatable"] == [])
        let put = harness.send(#"{"op":"layout.put","reassign":true,"layout":\#(renamed)}"#)
        #expect(put.ok, "\(JSONWriter.string(put))")
        #expect(put.result["version"] == 2)
        #expect(put.result["moved"] == dry.result["moved"])
        #expect(Self.tablesOf(harness)[couple] == ["T4"])
        // And a floor without room for the four lists it.
        let small = Self.layout(#""tables":[{"id":"T1","min":1,"max":2},{"id":"T4","min":1,"max":2}]"#)
        let nowhere = harness.send(#"{"op":"layout.put","dryRun":true,"layout":\#(small)}"#)
        #expect(nowhere.result["unseatable"]?.arrayValue?.map { $0["party"] } == [4])
        #expect(harness.send(#"{"op":"layout.put","reassign":true,"layout":\#(small)}"#).code == "layout_conflict")
        #expect(harness.send(#"{"op":"layout.get","restaurant":"r"}"#).result["version"] == 2)
    }

    /// On random floors and days, re-seating on a random smaller floor never double-books, keeps
    /// every seated or locked booking on its own tables, and accounts for every booking.
    @Test func reseatingIsValidOnRandomFloors() throws {
        var rng = SeededRandom(seed: 12)
        let date = ServiceDate("2026-11-21")!
        for instance in 0..<300 {
            let count = Int.random(in: 3...7, using: &rng)
            let tables = (0..<count).map { Table(id: "T\($0)", max: [2, 2, 4, 4, 6].randomElement(using: &rng)!) }
            let service = Service(name: "d", first: 18 * 60, last: 21 * 60)
            let old = try Floor(Layout(restaurant: "r", tables: tables, services: [service]))
            var day = DayState(floor: old, date: date, bookings: [])
            for index in 0..<Int.random(in: 2...12, using: &rng) {
                let start = 18 * 60 + 15 * Int.random(in: 0...12, using: &rng), party = Int.random(in: 1...6, using: &rng)
                guard let unit = GreedyBestFit.choose(floor: old, day: day, party: party, from: start, to: start + 90, area: nil,
                                                      tags: [], channel: .host).unit else { continue }
                let status: Booking.Status = Bool.random(using: &rng) ? .booked : .seated
                day.upsert(Booking(id: "b\(index)", restaurant: "r", date: date, start: start, duration: 90, party: party,
                                   tables: old.units[unit].tableIDs, status: status, channel: .host,
                                   locked: status == .seated || Int.random(in: 0..<5, using: &rng) == 0, createdAt: "", updatedAt: ""))
            }
            // The new floor drops a random table and shrinks or grows another...
            var newTables = tables
            newTables.remove(at: Int.random(in: 0..<newTables.count, using: &rng))
            let changed = Int.random(in: 0..<newTables.count, using: &rng)
            newTables[changed].max = [2, 4, 6, 8].randomElement(using: &rng)!
            // ...and may add a buffer between bookings.
            let new = try Floor(Layout(restaurant: "r", bufferMinutes: [0, 15, 30].randomElement(using: &rng)!, tables: newTables,
                                       services: [service]))
            let bookings = Array(day.bookings.values)
            let outcome = LayoutChange.reseat(floor: new, bookings: bookings)
            #expect(outcome.kept.count + outcome.moved.count + outcome.unseatable.count == bookings.count, "instance \(instance)")
            #expect(DayAudit.problems(floor: new, date: date, bookings: outcome.bookings).isEmpty, "instance \(instance)")
            let moved = Set(outcome.moved.map(\.booking))
            for booking in bookings where booking.locked || booking.status == .seated {
                #expect(!moved.contains(booking.id), "instance \(instance): \(booking.id) is fixed")
            }
            for move in outcome.moved {
                let before = day.bookings[move.booking]!, after = outcome.bookings.first { $0.id == move.booking }!
                #expect(before.start == after.start && before.party == after.party && before.duration == after.duration)
            }
            for id in outcome.kept {
                #expect(outcome.bookings.first { $0.id == id }?.tables == day.bookings[id]?.tables, "instance \(instance): kept means same tables")
            }
        }
    }
}
