import Foundation
import SeatingService

/// Percentiles of a set of latency samples, in nanoseconds.
struct LatencyStats {
    let sorted: [UInt64]

    init(_ samples: [UInt64]) { sorted = samples.sorted() }

    func percentile(_ p: Double) -> UInt64 {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p / 100).rounded(.up)) - 1)]
    }

    var mean: Double { sorted.isEmpty ? 0 : Double(sorted.reduce(0, +)) / Double(sorted.count) }

    func line(_ label: String) -> String {
        func us(_ ns: UInt64) -> String { String(format: "%.1f µs", Double(ns) / 1_000) }
        return "\(label): n=\(sorted.count) p50=\(us(percentile(50))) p90=\(us(percentile(90))) p99=\(us(percentile(99))) max=\(us(sorted.last ?? 0)) mean=\(String(format: "%.1f µs", mean / 1_000))"
    }
}

import Foundation

/// One request through the service, its latency appended to `samples`; the response as text.
func respondTimed(_ service: SeatingService, _ line: String, _ samples: inout [UInt64]) -> String {
    let start = DispatchTime.now().uptimeNanoseconds
    let response = String(decoding: service.respond(toLine: Array(line.utf8)), as: UTF8.self)
    samples.append(DispatchTime.now().uptimeNanoseconds - start)
    return response
}
