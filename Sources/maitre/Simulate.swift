import ArgumentParser
import Dispatch
import Foundation
import MaitreJSON
import Seating
import SeatingRender
import SeatingService

/// `maitre simulate`: replay a demand scenario against a layout under several seating policies,
/// replications in parallel, and compare covers, revenue, turn-aways and waits with confidence
/// intervals, against the offline ceiling.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare seating policies on a demand scenario: covers, revenue, turn-aways, waits, with 95 % confidence intervals.",
        discussion: """
            Policies: first-fit, best-fit, engine (what maitre serve does), engine+repack, offline (the \
            clairvoyant ceiling of the reservation requests, each at any time within its flexibility, \
            under the floor's rules: no policy can seat more) and offline-free (the same without pacing, \
            holds and service limits). Every policy sees the same random demand in each replication; the \
            same scenario and seed give byte-identical output.

            Examples:
              maitre simulate --scenario Fixtures/scenarios/diner-walk-ins.json \\
                --replications 200
              maitre simulate --scenario Fixtures/scenarios/brasserie-saturday.json \\
                --policies best-fit,engine,offline --replications 30 --out results/
            """)

    @Option(help: "The scenario file (JSON; see docs/analysts.md).")
    var scenario: String

    @Option(help: "Comma-separated policies.")
    var policies: String = SeatingPolicy.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "The policy the others are compared with, replication by replication (default: best-fit when it runs, else the first).")
    var baseline: String?

        @Option(help: "Replications (independent evenings).")
    var replications: Int = 30

    @Option(help: "Seed of the first replication's demand.")
    var seed: UInt64 = 1

    @Option(help: "Write summary.md, metrics.csv, summary.json and SVG charts to this directory.")
    var out: String?

    @Flag(help: "Print the summary as one JSON object instead of Markdown.")
    var json = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    @Flag(help: "Also time every seating decision and report solverMsP95 (wall-clock: the output is then no longer byte-identical).")
    var timings = false

    func validate() throws {
        guard (1...100_000).contains(replications) else { throw ValidationError("--replications must be in 1...100000") }
        for name in policies.split(separator: ",") where SeatingPolicy(rawValue: String(name)) == nil {
            throw ValidationError("unknown policy \"\(name)\"; known: \(SeatingPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let baseline {
            guard SeatingPolicy(rawValue: baseline) != nil else { throw ValidationError("unknown --baseline \"\(baseline)\"") }
            guard policies.split(separator: ",").contains(where: { $0 == baseline }) else {
                throw ValidationError("--baseline \(baseline) is not among --policies")
            }
        }
    }

    func run() throws {
        let requested = SeatingPolicy.allCases.filter { policy in policies.split(separator: ",").contains { $0 == policy.rawValue } }
        guard let data = FileManager.default.contents(atPath: scenario) else { throw CommandFailure("cannot read \(scenario)") }
        let directory = URL(fileURLWithPath: scenario).deletingLastPathComponent()
        let parsed: (scenario: Scenario, floor: Floor)
        do {
            parsed = try ScenarioFile.parse(Array(data)) { path in
                let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
                guard let bytes = FileManager.default.contents(atPath: url.path) else { throw CommandFailure("no such file \(url.path)") }
                return Array(bytes)
            }
        } catch let error as ProtocolError {
            throw CommandFailure("\(scenario): \(error.line)")
        }
        var chosen = requested
        if parsed.scenario.reservations == nil, chosen.contains(where: \.isCeiling) {
            // The ceilings are of reservation requests; walk-in-only scenarios have none.
            chosen.removeAll(where: \.isCeiling)
            if !quiet { FileHandle.standardError.write(Data("simulate: no reservations, so no offline ceiling\n".utf8)) }
        }
        let total = replications
        let report: @Sendable (Int, Double) -> Void = { done, elapsed in
            let rate = Double(done) / max(elapsed, 0.001)
            let left = Double(total - done) / max(rate, 0.001)
            let line = "\rsimulate: \(done)/\(total) replications, \(SimulationReport.fixed(rate, 1))/s, \(Int(left.rounded())) s left "
            FileHandle.standardError.write(Data(line.utf8))
        }
        let runs = Self.replicate(scenario: parsed.scenario, floor: parsed.floor, policies: chosen, replications: replications,
                                  seed: seed, clock: timings ? Self.clock : nil, progress: quiet ? nil : report)
        let summary = SimulationSummary(floor: parsed.floor, date: parsed.scenario.date, policies: chosen, runs: runs)
        let name = parsed.scenario.name
        let reference = SimulationReport.baseline(summary, requested: baseline.flatMap(SeatingPolicy.init(rawValue:)))
        let markdown = SimulationReport.markdown(summary, scenario: name, seed: seed, replications: replications, baseline: reference)
        let object = JSONWriter.string(SimulationReport.json(summary, scenario: name, seed: seed, replications: replications,
                                                             baseline: reference))
        print(json ? object : markdown, terminator: json ? "\n" : "")
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure("cannot create \(out): \(error.localizedDescription)")
            }
            let files = [
                ("summary.md", markdown), ("summary.json", object + "\n"), ("metrics.csv", SimulationReport.csv(summary)),
                ("occupancy.svg", SimulationCharts.occupancy(summary)), ("turned-away.svg", SimulationCharts.turnedAway(summary)),
                ("covers.svg", SimulationCharts.covers(summary)),
            ]
            for (file, text) in files { try writeOutput(text, to: URL(fileURLWithPath: out).appendingPathComponent(file).path) }
        }
    }

    /// Every replication's metrics per policy, in replication order whatever the threads did.
    static func replicate(scenario: Scenario, floor: Floor, policies: [SeatingPolicy], replications: Int, seed: UInt64,
                          clock: DecisionClock? = nil,
                          progress: (@Sendable (Int, Double) -> Void)?) -> [[SeatingPolicy: ReplicationMetrics]] {
        let results = Results(count: replications)
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: replications) { index in
            let demand = Demand.draw(scenario: scenario, floor: floor, seed: replicationSeed(seed, index))
            let run = Simulation.runAll(scenario: scenario, floor: floor, demand: demand, policies: policies, clock: clock)
            let done = results.store(run, at: index)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if elapsed > 1, let progress, results.shouldReport(elapsed) { progress(done, elapsed) }
        }
        if let progress, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 > 1 {
            progress(replications, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return results.all
    }

    /// The machine's monotonic clock, lent to the simulation by `--timings`.
    static let clock = DecisionClock { DispatchTime.now().uptimeNanoseconds }

    /// The demand seed of replication `index`: SplitMix64 of the run's seed and the index, so
    /// replications are independent and a policy's n-th evening is the same whoever runs it.
    static func replicationSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
        var rng = SeededRandom(seed: seed &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        return rng.next()
    }
}

/// Replication results filled in by parallel workers.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[SeatingPolicy: ReplicationMetrics]]
    private var done = 0
    private var lastReport = 0.0

    init(count: Int) { slots = Array(repeating: [:], count: count) }

    func store(_ run: [SeatingPolicy: ReplicationMetrics], at index: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = run
        done += 1
        return done
    }

    func shouldReport(_ elapsed: Double) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard elapsed - lastReport >= 0.5 else { return false }
        lastReport = elapsed
        return true
    }

    var all: [[SeatingPolicy: ReplicationMetrics]] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
