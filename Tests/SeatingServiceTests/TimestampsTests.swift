import Foundation
import Seating
@testable import SeatingService
import Testing

/// `createdAt`/`updatedAt` are written without a formatter object: they must read exactly as
/// Foundation's ISO 8601 formatter writes them, leap years, centuries and 1970 included.
@Suite struct TimestampsTests {
    @Test func isoMatchesFoundationsFormatterOnRandomInstants() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var rng = SeededRandom(seed: 11)
        var instants: [Double] = [0, -1, 86_399, 86_400, 951_782_400, 4_107_542_399, -2_208_988_800, 1_795_219_200.75]
        for _ in 0..<5_000 { instants.append(Double(Int.random(in: -2_208_988_800...4_102_444_800, using: &rng))) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamps.iso(date) == formatter.string(from: date), "\(seconds)")
        }
    }
}
