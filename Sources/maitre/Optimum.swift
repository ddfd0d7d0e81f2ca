import ArgumentParser
import Foundation
import MILP
import MaitreJSON
import Seating
import SeatingService

/// `maitre optimum`: the analysts' yardstick. The most covers any assignment could seat for a
/// day's demand on a layout, knowing every request in advance, with GLPK's proven bound.
struct Optimum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Seat a day's demand with hindsight: the offline optimum, greedy for comparison, and the proven bound.",
        discussion: """
            The demand file is NDJSON, one request per line: {"id":"q1","time":"19:00","party":4,"duration":105} \
            (id and duration optional; duration defaults to the layout's turn time). Pacing, holds and service \
            party limits are policies, not physics: the optimum ignores them.

            Examples:
              maitre optimum --layout bistro.json --demand friday.ndjson \\
                --date 2026-11-20
              maitre optimum --layout hall.json --demand friday.ndjson \\
                --date 2026-11-20 --json --plan plan.ndjson --lp day.lp
            """)

    @Option(help: "The layout JSON file (the `layout` object of layout.put).")
    var layout: String

    @Option(help: "The demand file (NDJSON requests).")
    var demand: String

    @Option(help: "The service date, YYYY-MM-DD (weekday turn times and blocks).")
    var date: String

    @Option(name: .customLong("time-limit-ms"), help: "Solver time cap in milliseconds.")
    var timeLimitMilliseconds: Int = 1_000

    @Option(help: "Write each request's tables (NDJSON, empty when turned away) to this file.")
    var plan: String?

    @Option(help: "Write the day's integer program as CPLEX LP to this file.")
    var lp: String?

    @Option(help: "Write the day's integer program as MPS to this file.")
    var mps: String?

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    func run() throws {
        guard let serviceDate = ServiceDate(date) else { throw ValidationError("--date must be YYYY-MM-DD") }
        guard (1...3_600_000).contains(timeLimitMilliseconds) else { throw ValidationError("--time-limit-ms must be in 1...3600000") }
        let floor = try layoutFloor(layout)
        guard let demandData = FileManager.default.contents(atPath: demand) else { throw CommandFailure("cannot read \(demand)") }
        let requests: [OfflineOptimum.Request]
        do {
            requests = try DemandFile.parse(Array(demandData), floor: floor, date: serviceDate)
        } catch {
            throw CommandFailure("\(demand): \(error)")
        }
        let exports = [(lp, ModelExport.Format.lp), (mps, .mps)].compactMap { path, format in path.map { ($0, format) } }
        if !exports.isEmpty {
            let model = OfflineOptimum.model(floor: floor, date: serviceDate, requests: requests)
            for (path, format) in exports { try ModelExport.write(model, format: format, to: path) }
        }

        let start = DispatchTime.now().uptimeNanoseconds
        let result = OfflineOptimum.solve(floor: floor, date: serviceDate, requests: requests, timeLimitMilliseconds: timeLimitMilliseconds)
        let milliseconds = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)

        if let plan {
            let lines = OptimumReport.planLines(requests: requests, result: result).map { JSONWriter.string($0) }
            try (lines.map { $0 + "\n" }.joined()).write(toFile: plan, atomically: true, encoding: .utf8)
        }
        let restaurant = floor.layout.restaurant
        if json {
            print(JSONWriter.string(OptimumReport.summary(restaurant: restaurant, date: serviceDate, requests: requests,
                                                          result: result, milliseconds: milliseconds)))
            return
        }
        let asked = requests.reduce(0) { $0 + $1.party }
        print("\(restaurant), \(serviceDate) (\(serviceDate.weekday)): \(requests.count) requests, \(asked) covers asked")
        print("  optimum: \(result.covers) covers, \(result.seated.count) parties seated, \(requests.count - result.seated.count) turned away, \(result.wastedSeats) seats wasted")
        print("  greedy best fit in time order: \(result.greedyCovers) covers")
        print(String(format: "  proven bound: %d covers (gap %.2f %%); %d component%@, %d ms (cap %d ms)",
                     result.coversBound, 100 * result.gap, result.components, result.components == 1 ? "" : "s",
                     milliseconds, timeLimitMilliseconds))
        for (path, kind) in [(lp, "LP"), (mps, "MPS"), (plan, "plan")] { if let path { print("  wrote \(kind): \(path)") } }
    }
}
