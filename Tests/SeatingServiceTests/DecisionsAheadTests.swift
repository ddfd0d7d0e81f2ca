import Foundation
import Seating
@testable import SeatingService
import Testing

@Suite struct DecisionsAheadTests {
    /// Six two-tops, four four-tops and a combination of two two-tops. At 18:00 couples sit at
    /// the four-tops and at S1 and S2 (a party of 4 then needs one couple moved to a free two-top);
    /// at 19:30 parties of 3 hold the four-tops and couples every two-top (no plan for a 4).
    static func evening() throws -> (Floor, DayState) {
        let date = ServiceDate("2026-11-20")!
        let twos = (1...6).map { Table(id: "S\($0)", min: 1, max: 2) }
        let fours = (1...4).map { Table(id: "F\($0)", min: 2, max: 4) }
        let floor = try Floor(Layout(
            restaurant: "r", bufferMinutes: 0, tables: twos + fours,
            combinations: [Combination(id: "S1+S2", tables: ["S1", "S2"], min: 3, max: 4)],
            turnTimes: TurnTimes(bands: [.init(minutes: 90)]),
            services: [Service(name: "dinner", first: 18 * 60, last: 22 * 60)]))
        func booking(_ table: String, _ start: Int, _ party: Int) -> Booking {
            Booking(id: "\(table)-\(start)", restaurant: "r", date: date, start: start, duration: 90, party: party, tables: [table])
        }
        let early = ["F1", "F2", "F3", "F4", "S1", "S2"].map { booking($0, 18 * 60, 2) }
        let late = fours.map { booking($0.id, 19 * 60 + 30, 3) } + twos.map { booking($0.id, 19 * 60 + 30, 2) }
        return (floor, DayState(floor: floor, date: date, bookings: early + late))
    }

    /// Every question asked gets exactly `Reshuffle.decide`'s verdict, asked in order, whether the
    /// helper or the asking thread decided it, and questions it never saw are decided as asked.
    @Test func answersAreDecideAnswers() throws {
        let (floor, day) = try Self.evening()
        let limits = Reshuffle.Limits()
        let queries = stride(from: 18 * 60, through: 21 * 60, by: 15).map {
            SeatingQuery(date: day.date, time: $0, party: 4)
        }
        let expected = queries.map { Reshuffle.decide(floor: floor, day: day, query: $0, limits: limits) }
        #expect(Set(expected.map { "\($0)".prefix(4) }).count > 1, "the evening should give more than one kind of verdict: \(expected)")
        let ahead = DecisionsAhead(queries: queries, floor: floor, day: day, limits: limits)
        defer { ahead.stop() }
        let decide = Reshuffle.decider(floor: floor, day: day, limits: limits)
        for (query, verdict) in zip(queries, expected) {
            #expect(ahead.verdict(for: query, decide: decide) == verdict, "\(ClockTime.format(query.time))")
        }
        let other = SeatingQuery(date: day.date, time: 19 * 60, party: 2)
        #expect(ahead.verdict(for: other, decide: decide) == Reshuffle.decide(floor: floor, day: day, query: other, limits: limits))
    }
}
