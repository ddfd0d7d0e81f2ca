import MILP
@testable import Seating

/// A random dense floor (`TestFloors.dense`) with a dinner's requests every quarter hour from
/// 17:00 and its offline program: the instance the dive and neighbourhood tests share. Draws, in
/// order: the floor, the request count, then each request's time, party and duration.
struct DenseDinner {
    let floor: Floor
    let requests: [OfflineOptimum.Request]
    let empty: DayState
    let program: OfflineProgram

    init(seed: UInt64, tables: ClosedRange<Int>, combinations: ClosedRange<Int>, requests count: ClosedRange<Int>,
         parties: ClosedRange<Int>) {
        var rng = SeededRandom(seed: seed)
        floor = TestFloors.dense(&rng, tables: tables, seats: [2, 2, 4, 4, 6, 8], combinations: combinations, buffers: [0, 15],
                                 service: Service(name: "d", first: 17 * 60, last: 22 * 60))
        requests = (0..<Int.random(in: count, using: &rng)).map { index in
            OfflineOptimum.Request(id: "r\(index)", time: 17 * 60 + 15 * Int.random(in: 0...16, using: &rng),
                                   party: Int.random(in: parties, using: &rng), duration: 15 * Int.random(in: 5...10, using: &rng))
        }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        empty = DayState(floor: floor, date: ServiceDate("2026-11-20")!, bookings: [])
        program = OfflineProgram(classes: TableClasses(floor: floor, day: empty), requests: requests, buffer: floor.layout.bufferMinutes)
    }

    /// Whether per-type `counts` give every request a unit (or none) that passes the table-by-table
    /// check: no table shared at any minute, buffer included, every party within its unit's range.
    func verifies(_ counts: [[Int]]) -> Bool {
        guard let seats = program.placements(for: counts, requestCount: requests.count) else { return false }
        return OfflineOptimum.verify(floor: floor, day: empty, requests: requests, seats: seats)
    }
}
