import Seating
import Testing

@Suite struct RepackTests {
    static let date = ReshuffleTests.date

    @Test func repackWastesFewerSeatsAndKeepsEveryBooking() {
        // Couples on both four-tops while the two-tops sit empty: repack moves them to the two-tops.
        let floor = ReshuffleTests.floor()
        let day = DayState(floor: floor, date: Self.date, bookings: [
            ReshuffleTests.booking("a", "F1"), ReshuffleTests.booking("b", "F2"),
        ])
        let result = Repack.optimize(floor: floor, day: day, from: nil, timeLimitMilliseconds: 600_000)
        #expect(result.before == Repack.Figures(wastedSeats: 4, combinations: 0))
        #expect(result.after == Repack.Figures(wastedSeats: 0, combinations: 0))
        #expect(result.optimal)
        #expect(Set(result.moves.flatMap(\.to)) == ["T1", "T2"])
        var after = day
        for move in result.moves {
            var booking = after.bookings[move.booking]!
            booking.tables = move.to
            after.upsert(booking)
        }
        #expect(after.activeBookings.count == 2)
    }

    @Test func lockedSeatedAndEarlierBookingsStay() {
        let floor = ReshuffleTests.floor()
        var seated = ReshuffleTests.booking("s", "F1")
        seated.status = .seated
        let day = DayState(floor: floor, date: Self.date, bookings: [
            seated, ReshuffleTests.booking("l", "F2", locked: true), ReshuffleTests.booking("e", "T1", start: 18 * 60),
        ])
        let result = Repack.optimize(floor: floor, day: day, from: 19 * 60, timeLimitMilliseconds: 600_000)
        #expect(result.moves.isEmpty)
        #expect(result.considered == 0)
    }

    @Test func smallMovesAreNotWorthAPenaltyWithoutGain() {
        // Everything already sits without waste: nothing moves.
        let floor = ReshuffleTests.floor()
        let day = DayState(floor: floor, date: Self.date, bookings: [ReshuffleTests.booking("a", "T1"), ReshuffleTests.booking("b", "F1", party: 4)])
        let result = Repack.optimize(floor: floor, day: day, from: nil, timeLimitMilliseconds: 600_000)
        #expect(result.moves.isEmpty)
        #expect(result.before == result.after)
    }

    /// The least cost over every assignment (waste + 3 per combination + 0.5 per move), each
    /// booking on a unit that fits, no table shared at a minute.
    static func bruteForceCost(floor: Floor, bookings: [Booking]) -> Double {
        var best = Double.infinity
        func go(_ index: Int, _ taken: [(table: Int, from: Int, to: Int)], _ cost: Double) {
            guard cost < best else { return }
            if index == bookings.count { best = cost; return }
            let booking = bookings[index]
            let from = booking.start, to = booking.start + booking.duration + floor.layout.bufferMinutes
            for unit in floor.units.indices where floor.units[unit].fits(booking.party) && floor.units[unit].reservable {
                let members = floor.units[unit].members
                guard !taken.contains(where: { members.contains($0.table) && $0.from < to && from < $0.to }) else { continue }
                let step = Double(floor.units[unit].max - booking.party) + (floor.units[unit].isCombination ? 3 : 0)
                    + (floor.units[unit].tableIDs == booking.tables ? 0 : 0.5)
                go(index + 1, taken + members.map { ($0, from, to) }, cost + step)
            }
        }
        go(0, [], 0)
        return best
    }

    @Test func matchesBruteForceAndAnyCapGivesAValidPlan() {
        // Random small days placed by greedy in arrival order (so they are feasible but not packed
        // tightly): a repack proven optimal costs what brute force finds (an uncapped one always is); a 1 ms repack (local
        // search, maybe no solver answer) is valid and never worse than before.
        var rng = SeededRandom(seed: 31)
        let tables = [Table(id: "T1", max: 2), Table(id: "T2", max: 2), Table(id: "F1", min: 2, max: 4),
                      Table(id: "F2", min: 2, max: 4), Table(id: "S1", min: 3, max: 6)]
        let floor = try! Floor(Layout(restaurant: "r", bufferMinutes: 15, tables: tables,
                                      combinations: [Combination(id: "T1+T2", tables: ["T1", "T2"], min: 3, max: 4)],
                                      turnTimes: TurnTimes(bands: [.init(minutes: 90)]),
                                      services: [Service(name: "dinner", first: 18 * 60, last: 22 * 60)]))
        var proven = 0, withMoves = 0
        for instance in 0..<30 {
            var day = DayState(floor: floor, date: Self.date, bookings: [])
            for index in 0..<Int.random(in: 3...6, using: &rng) {
                let start = 18 * 60 + 30 * Int.random(in: 0...4, using: &rng)
                let party = Int.random(in: 1...5, using: &rng)
                let outcome = GreedyBestFit.choose(floor: floor, day: day, party: party, from: start, to: start + 105, area: nil, tags: [],
                                                   channel: .walkIn)
                // Arrival order without lookahead: take any fitting unit, the last listed, to leave waste.
                guard outcome.unit != nil else { continue }
                let fitting = floor.units.indices.filter { unit in
                    floor.units[unit].fits(party) && floor.units[unit].members.allSatisfy { day.isFree(table: $0, from: start, to: start + 105) }
                }
                let unit = fitting[Int.random(in: 0..<fitting.count, using: &rng)]
                day.upsert(Booking(id: "b\(index)", restaurant: "r", date: Self.date, start: start, duration: 90, party: party,
                                   tables: floor.units[unit].tableIDs))
            }
            let bookings = day.activeBookings
            let best = Self.bruteForceCost(floor: floor, bookings: bookings)
            for cap in [1, 600_000] {
                let result = Repack.optimize(floor: floor, day: day, from: nil, timeLimitMilliseconds: cap)
                var after = day
                for move in result.moves {
                    var booking = after.bookings[move.booking]!
                    booking.tables = move.to
                    after.upsert(booking)
                }
                let cost = after.activeBookings.reduce(0.0) { total, booking in
                    let unit = floor.units[floor.unit(forTables: booking.tables)!]
                    return total + Double(unit.max - booking.party) + (unit.isCombination ? 3 : 0)
                        + (booking.tables == day.bookings[booking.id]!.tables ? 0 : 0.5)
                }
                #expect(after.activeBookings.count == bookings.count, "instance \(instance)")
                #expect(OfflineOptimumTests.noTableShared(after, floor: floor), "instance \(instance) cap \(cap)")
                #expect(cost >= best - 1e-9, "instance \(instance)")
                #expect(result.after.wastedSeats <= result.before.wastedSeats + 3 * result.before.combinations, "instance \(instance)")
                if !result.moves.isEmpty { withMoves += 1 }
                if result.optimal {
                    proven += 1
                    #expect(abs(cost - best) < 1e-9, "instance \(instance) cap \(cap): \(cost) vs brute force \(best)")
                }
            }
        }
        #expect(proven >= 30, "every uncapped repack proves optimality")
        #expect(withMoves >= 6, "the random days must leave something to repack")
    }
}
