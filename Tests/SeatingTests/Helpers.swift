import Seating

/// A small floor used across tests: two two-tops, a four-top, a six-top booth, a walk-in-only
/// counter, and a combination of the two-tops seating 3-4.
enum TestFloors {
    static let saturday = ServiceDate("2026-11-21")!
    static let monday = ServiceDate("2026-11-23")!

    static func layout(buffer: Int = 0, blocks: [Block] = [], services: [Service]? = nil) -> Layout {
        Layout(
            restaurant: "test", bufferMinutes: buffer,
            tables: [
                Table(id: "A", min: 1, max: 2, tags: ["window"]),
                Table(id: "B", min: 1, max: 2),
                Table(id: "C", min: 2, max: 4, area: "patio"),
                Table(id: "D", min: 3, max: 6, tags: ["booth"]),
                Table(id: "X", min: 1, max: 2, area: "bar", reservable: false),
            ],
            combinations: [Combination(id: "A+B", tables: ["A", "B"], min: 3, max: 4)],
            turnTimes: TurnTimes(
                bands: [.init(maxParty: 2, minutes: 60), .init(maxParty: 4, minutes: 90), .init(minutes: 120)],
                overrides: [.init(days: [.sat], from: 19 * 60, to: 21 * 60, bands: [.init(maxParty: 2, minutes: 75), .init(minutes: 150)])]),
            services: services ?? [
                Service(name: "dinner", days: [.tue, .wed, .thu, .fri, .sat], first: 18 * 60, last: 22 * 60,
                        end: 23 * 60 + 30, minParty: 1, maxParty: 6),
                Service(name: "late", days: [.sat], first: 23 * 60, last: 24 * 60 + 30, minParty: 1, maxParty: 4),
            ],
            blocks: blocks)
    }

    static func floor(buffer: Int = 0, blocks: [Block] = []) -> Floor {
        try! Floor(layout(buffer: buffer, blocks: blocks))
    }

    static func booking(_ id: String, _ tables: [String], start: Int, duration: Int, party: Int = 2,
                        status: Booking.Status = .booked, date: ServiceDate = saturday) -> Booking {
        Booking(id: id, restaurant: "test", date: date, start: start, duration: duration, party: party, tables: tables, status: status)
    }
}

extension Int {
    /// `19.h` is 19:00 in service-day minutes.
    var h: Int { self * 60 }
}

extension Reshuffle.Limits {
    /// Limits under which a test's answer cannot depend on the machine's speed: the integer
    /// program runs until it proves its answer (a slow CI machine only makes the test slower).
    static let unhurried = Reshuffle.Limits(timeLimitMilliseconds: 600_000)
}

extension TestFloors {
    /// A random dense floor, as in the README's ceiling benchmark: tables seating from half up to
    /// all of their seats, and overlapping combinations of two or three neighbours (a table in
    /// several), each also seating from half up to all. Draws, in order: the table count, each
    /// table's seats, the combinations, then the buffer (only when there is a choice).
    static func dense(_ rng: inout SeededRandom, tables: ClosedRange<Int>, seats: [Int], combinations: ClosedRange<Int>,
                      buffers: [Int] = [0], service: Service = Service(name: "d", first: 18 * 60, last: 22 * 60)) -> Floor {
        let tableCount = Int.random(in: tables, using: &rng)
        let sizes = (0..<tableCount).map { _ in seats.randomElement(using: &rng)! }
        let tables = sizes.enumerated().map { Table(id: "T\($0.offset)", min: ($0.element + 1) / 2, max: $0.element) }
        var runs: [[Int]] = []
        for first in 0..<tableCount { for length in 2...3 where first + length <= tableCount { runs.append(Array(first..<(first + length))) } }
        let chosen = runs.shuffled(using: &rng).prefix(Int.random(in: combinations, using: &rng)).map { run in
            let most = run.reduce(0) { $0 + sizes[$1] }
            return Combination(id: run.map { "T\($0)" }.joined(separator: "+"), tables: run.map { "T\($0)" }, min: (most + 1) / 2, max: most)
        }
        let buffer = buffers.count > 1 ? buffers.randomElement(using: &rng)! : buffers.first ?? 0
        return try! Floor(Layout(restaurant: "r", bufferMinutes: buffer, tables: tables, combinations: Array(chosen), services: [service]))
    }
}
