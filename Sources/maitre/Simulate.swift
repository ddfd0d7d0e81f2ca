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
              maitre simulate --scenario Fixtures/scenarios/brasserie-saturday.json \\
                --policies best-fit,engine,offline \\
                --vary 'layout.services[2].pacing.maxCovers=36,45'

            A sweep (--vary, --layouts) runs each variant on the same seeds as the base and \
            prints the base's report, then each variant's covers and paired difference from the base.
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

    @Option(help: ArgumentHelp("A sweep: the scenario again with one field changed, one variant per value, each against the base on the same demand (repeatable).",
                               valueName: "path=values"))
    var vary: [String] = []

    @Option(help: ArgumentHelp("A sweep over layouts: comma-separated layout files, each in place of the scenario's, against the base.",
                               valueName: "files"))
    var layouts: String?

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
        let load: (String) throws -> [UInt8] = { path in
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            guard let bytes = FileManager.default.contents(atPath: url.path) else { throw CommandFailure("no such file \(url.path)") }
            return Array(bytes)
        }
        do {
            parsed = try ScenarioFile.parse(Array(data), load: load)
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
        let variants = try Self.variants(data, vary: vary, layouts: layouts, load: load)
        func summarise(_ scenario: Scenario, _ floor: Floor) -> SimulationSummary {
            let runs = Self.replicate(scenario: scenario, floor: floor, policies: chosen, replications: replications,
                                      seed: seed, clock: timings ? Self.clock : nil, progress: quiet ? nil : report)
            return SimulationSummary(floor: floor, date: scenario.date, policies: chosen, runs: runs,
                                     seatHours: scenario.seatHours(floor: floor))
        }
        let summary = summarise(parsed.scenario, parsed.floor)
        var swept: [(name: String, summary: SimulationSummary)] = []
        for variant in variants {
            do {
                let (scenario, floor) = try ScenarioFile.parse(Array(JSONWriter.string(variant.document).utf8), load: load)
                if !quiet { FileHandle.standardError.write(Data("simulate: variant \(variant.name)\n".utf8)) }
                swept.append((variant.name, summarise(scenario, floor)))
            } catch let error as ProtocolError {
                throw CommandFailure("variant \(variant.name): \(error.line)")
            }
        }
        let name = parsed.scenario.name
        let reference = SimulationReport.baseline(summary, requested: baseline.flatMap(SeatingPolicy.init(rawValue:)))
        var markdown = SimulationReport.markdown(summary, scenario: name, seed: seed, replications: replications, baseline: reference)
        var document = SimulationReport.json(summary, scenario: name, seed: seed, replications: replications, baseline: reference)
        if !swept.isEmpty {
            markdown += SimulationReport.sweepMarkdown(base: summary, variants: swept, replications: replications)
            if case .object(let members) = document {
                document = .object(members + [JSONMember("variants", SimulationReport.sweepJSON(base: summary, variants: swept))])
            }
        }
        let object = JSONWriter.string(document)
        print(json ? object : markdown, terminator: json ? "\n" : "")
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure("cannot create \(out): \(error.localizedDescription)")
            }
            // Each chart names its scenario and replications: a chart copied into a slide still says what it shows.
            let context = " · \(name), \(replications) replication\(replications == 1 ? "" : "s")"
            let files = [
                ("summary.md", markdown), ("summary.json", object + "\n"), ("metrics.csv", SimulationReport.csv(summary)),
                ("occupancy.svg", SimulationCharts.occupancy(summary, context: context)),
                ("turned-away.svg", SimulationCharts.turnedAway(summary, context: context)),
                ("turned-away-by-hour.svg", SimulationCharts.turnedAwayByHour(summary, context: context)),
                ("covers.svg", SimulationCharts.covers(summary, context: context)),
            ] + (swept.isEmpty ? [] : [("variants.svg", SimulationCharts.variants(base: summary, variants: swept,
                                                                                   title: "Covers by variant" + context))])
            for (file, text) in files { try writeOutput(text, to: URL(fileURLWithPath: out).appendingPathComponent(file).path) }
        }
    }

    /// The sweep's variants (none without `--vary` or `--layouts`): each value of each `--vary`,
    /// then each layout file (read from the working directory, as `--scenario` is).
    static func variants(_ data: Data, vary: [String], layouts: String?, load: (String) throws -> [UInt8]) throws -> [ScenarioVariants.Variant] {
        guard !vary.isEmpty || layouts != nil else { return [] }
        do {
            let document = try ScenarioVariants.document(Array(data), load: load)
            var variants = try vary.flatMap { argument throws(ScenarioVariants.Failure) in try ScenarioVariants.vary(document, argument) }
            for file in (layouts ?? "").split(separator: ",").map(String.init) {
                guard let bytes = FileManager.default.contents(atPath: file), let layout = try? JSONParser.parse(Array(bytes)) else {
                    throw CommandFailure("--layouts: cannot read \(file) as JSON")
                }
                variants.append(try ScenarioVariants.layout(document, name: URL(fileURLWithPath: file).lastPathComponent, layout: layout))
            }
            return variants
        } catch let failure as ScenarioVariants.Failure {
            throw CommandFailure(failure.message)
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
