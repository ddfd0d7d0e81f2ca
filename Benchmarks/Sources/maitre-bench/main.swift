import Foundation
import MILP
import MaitreJSON
import Seating
import SeatingService
import SeatingStore

// maitre-bench: availability latency in-process and service throughput through `maitre serve`.
//
//   swift run -c release --package-path Benchmarks maitre-bench [--requests N] [--maitre PATH]
//
// Setup: the large hall fixture (110 tables, 23 combinations) with 1,000 bookings on one date,
// placed by the engine itself (host channel, seeded). Queries: seeded party sizes 1-12 at random
// grid times of lunch and dinner, window ±90 minutes, 5 answers.

func runBenchmarks() throws {
    let arguments = CommandLine.arguments
    func option(_ name: String) -> String? {
        arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    let requestCount = Int(option("--requests") ?? "") ?? 20_000
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    if arguments.contains("--offline-only") {
        // Only the offline optimum: `--caps 1000,5000 --counts 600 --seeds 2026`; `--write-lp FILE`
        // exports its model, `--write-demand FILE` its requests (the format `maitre optimum` reads).
        func list(_ name: String, _ fallback: String) -> [Int] { (option(name) ?? fallback).split(separator: ",").compactMap { Int($0) } }
        // `--dense 100,58` draws a floor of 100 tables and 58 overlapping combinations per seed
        // (`DenseFloor`) instead of the hall; `--write-layout FILE` writes it.
        let dense = list("--dense", "")
        for seed in list("--seeds", "2026") {
            for count in list("--counts", "600") {
                let label: String, floor: Floor, requests: [OfflineOptimum.Request], layout: String?
                if dense.count == 2 {
                    let drawn = try DenseFloor(tables: dense[0], combinations: dense[1], requests: count, seed: UInt64(seed))
                    (label, floor, requests, layout) = ("dense seed \(seed)", drawn.floor, drawn.requests, drawn.layoutJSON)
                } else {
                    (floor, requests) = try hallDinnerRequests(root: root, requests: count, seed: UInt64(seed))
                    (label, layout) = ("hall seed \(seed)", nil)
                }
                for cap in list("--caps", "1000") {
                    try runOfflineOptimum(label: label, floor: floor, requests: requests, timeLimitMilliseconds: cap,
                                          writeLP: option("--write-lp"), writeDemand: option("--write-demand"),
                                          writeLayout: option("--write-layout").flatMap { path in layout.map { (path, $0) } })
                }
            }
        }
        return
    }
    if arguments.contains("--stores-only") {
        // Several serve processes on one SQLite file and on PostgreSQL: `--stores-only --maitre PATH
        // [--postgres URL] [--processes 1,2,4] [--per-process 400] [--asks-per-booking 3]`.
        guard let binary = option("--maitre") else { throw CommandLineError("--stores-only needs --maitre PATH") }
        let counts = (option("--processes") ?? "1,2,4").split(separator: ",").compactMap { Int($0) }
        try runStoreBenchmark(binary: binary, postgres: option("--postgres"), processCounts: counts,
                              perProcess: Int(option("--per-process") ?? "") ?? 400,
                              asksPerBooking: max(0, Int(option("--asks-per-booking") ?? "") ?? 3), root: root)
        return
    }
    if arguments.contains("--booking-page") {
        // A booking web page's asks and books through `maitre serve` on saturated evenings (issue 28):
        // `--booking-page --maitre PATH [--floors 4 | --floor-seeds 1,2,3] [--no-fixtures | --fixtures-only]
        // [--guests N] [--quick] [--reshuffle-ms X] [--availability-solver-ms X] [--deep-budget N] [--no-decide-ahead] [--seed 28]`.
        guard let binary = option("--maitre") else { throw CommandLineError("--booking-page needs --maitre PATH") }
        let floorSeeds = option("--floor-seeds").map { $0.split(separator: ",").compactMap { UInt64($0) } }
            ?? (0..<max(0, Int(option("--floors") ?? "") ?? 4)).map { UInt64($0 + 1) }
        try BookingPageBenchmark(binary: binary, serveArguments: (option("--reshuffle-ms").map { ["--reshuffle-ms", $0] } ?? [])
                                    + (option("--availability-solver-ms").map { ["--availability-solver-ms", $0] } ?? [])
                                    + (option("--deep-budget").map { ["--deep-budget", $0] } ?? [])
                                    + (arguments.contains("--no-decide-ahead") ? ["--no-decide-ahead"] : []),
                                 floorSeeds: floorSeeds, fixtures: !arguments.contains("--no-fixtures"),
                                 randomFloors: !arguments.contains("--fixtures-only"), guests: option("--guests").flatMap { Int($0) },
                                 quick: arguments.contains("--quick"), seed: UInt64(option("--seed") ?? "") ?? 28,
                                 dumpDirectory: option("--dump-questions")).run(root: root)
        return
    }
    if let directory = option("--replay-questions") {
        // The turned-away guests' questions written by `--booking-page --dump-questions DIR`, decided
        // again by `Reshuffle.decide` with the limits given: `--replay-questions DIR [--search-budget N]
        // [--exact-budget N] [--clash-order-budget N] [--rotation-budget N] [--solver-ms N] [--deep-budget N]`.
        var limits = Reshuffle.Limits()
        if let budget = option("--search-budget").flatMap({ Int($0) }) { limits.searchBudget = budget }
        if let budget = option("--exact-budget").flatMap({ Int($0) }) { limits.exactBudget = budget }
        if let budget = option("--rotation-budget").flatMap({ Int($0) }) { limits.rotationBudget = budget }
        if let ms = option("--solver-ms").flatMap({ Int($0) }) { limits.decideSolverMilliseconds = ms }
        if let budget = option("--clash-order-budget").flatMap({ Int($0) }) { limits.clashOrderBudget = budget }
        if let budget = option("--deep-budget").flatMap({ Int($0) }) { limits.deepBudget = budget }
        try QuestionReplay(directory: directory, limits: limits, explain: arguments.contains("--explain")).run()
        return
    }
    if arguments.contains("--misses-only") {
        // Misses against the exact check: `--misses-only [--seeds 5,6] [--guests N] [--no-brasserie]
        // [--no-hall] [--reshuffle-ms 200] [--search-budget N] [--explain] [--saturday]` (a Friday by default).
        var limits = Reshuffle.Limits()
        if let ms = option("--reshuffle-ms").flatMap({ Int($0) }) { limits.timeLimitMilliseconds = ms }
        if let budget = option("--search-budget").flatMap({ Int($0) }) { limits.searchBudget = budget }
        if let budget = option("--exact-budget").flatMap({ Int($0) }) { limits.exactBudget = budget }
        let explain = arguments.contains("--explain")
        let date = ServiceDate(arguments.contains("--saturday") ? "2026-11-21" : "2026-11-20")!
        for seed in (option("--seeds") ?? "5").split(separator: ",").compactMap({ UInt64($0) }) {
            if !arguments.contains("--no-brasserie") {
                try runMisses(layoutFile: "brasserie", restaurant: "brasserie", requests: Int(option("--guests") ?? "") ?? 150, seed: seed,
                              root: root, limits: limits, explain: explain, date: date)
            }
            if !arguments.contains("--no-hall") {
                try runMisses(layoutFile: "hall", restaurant: "hall", requests: 3 * (Int(option("--guests") ?? "") ?? 150), seed: seed,
                              root: root, limits: limits, explain: explain, date: date)
            }
        }
        return
    }
    let prettyLayout = try String(contentsOf: root.appendingPathComponent("Fixtures/layouts/hall.json"), encoding: .utf8)
    let layoutText = JSONWriter.string(try JSONParser.parse(Array(prettyLayout.utf8)))  // one NDJSON line
    let date = ServiceDate("2026-11-21")!

    // 1. Two days through the real service (store, cache, engine): a typical evening filled at
    //    random grid times by greedy best fit, and a saturated day of 1,000 bookings packed table
    //    by table (pinned, back to back with short gaps).
    var rng = SeededRandom(seed: 42)
    let lunch = Array(stride(from: 11 * 60 + 30, through: 14 * 60 + 30, by: 15))
    let dinner = Array(stride(from: 17 * 60, through: 22 * 60 + 30, by: 15))
    let grid = lunch + dinner
    func party() -> Int {
        // A realistic mix: mostly twos and fours.
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<10: return 1
        case 10..<50: return 2
        case 50..<60: return 3
        case 60..<82: return 4
        case 82..<92: return Int.random(in: 5...6, using: &rng)
        default: return Int.random(in: 7...12, using: &rng)
        }
    }
    func freshService(sqlite: Bool = false) -> (Store, SeatingService) {
        let store: Store = sqlite ? try! SQLiteStore(path: ":memory:", legacyLayouts: .protocolDocument) : InMemoryStore()
        let service = SeatingService(store: store, clock: FixedClock(iso8601: "2026-11-19T09:00:00Z")!)
        _ = service.respond(toLine: Array(#"{"op":"layout.put","layout":\#(layoutText)}"#.utf8))
        return (store, service)
    }
    func ok(_ service: SeatingService, _ line: String) -> Bool {
        String(decoding: service.respond(toLine: Array(line.utf8)), as: UTF8.self).contains(#""ok":true"#)
    }
    let typical = freshService()
    var typicalCount = 0
    while typicalCount < 400 {
        let time = ClockTime.format(grid.randomElement(using: &rng)!)
        let line = #"{"op":"book","restaurant":"hall","date":"\#(date)","time":"\#(time)","party":\#(party()),"channel":"host"}"#
        if ok(typical.1, line) { typicalCount += 1 }
    }
    let saturated = freshService(sqlite: option("--store") == "sqlite")
    print("store for the saturated day: \(option("--store") ?? "memory")")
    let layout = try saturated.0.layout(restaurant: "hall")!.layout
    var nextStart = Array(repeating: lunch[0], count: layout.tables.count)
    var saturatedCount = 0
    var table = 0
    var stuck = 0
    while saturatedCount < 1_000 && stuck < layout.tables.count {
        let spec = layout.tables[table]
        var start = nextStart[table] + (Int.random(in: 0..<4, using: &rng) == 0 ? 15 : 0)
        if start > lunch.last! && start < dinner[0] { start = dinner[0] }
        let duration = 15 * Int.random(in: 2...4, using: &rng)
        if start <= dinner.last! {
            let size = Int.random(in: spec.min...spec.max, using: &rng)
            let line = #"{"op":"book","restaurant":"hall","date":"\#(date)","time":"\#(ClockTime.format(start))","party":\#(size),"duration":\#(duration),"channel":"host","tables":["\#(spec.id)"]}"#
            if ok(saturated.1, line) { saturatedCount += 1; stuck = 0 } else { stuck += 1 }
            // The next party sits once the buffer has passed, on the 15-minute grid.
            nextStart[table] = (start + duration + layout.bufferMinutes + 14) / 15 * 15
        } else {
            stuck += 1
        }
        table = (table + 1) % layout.tables.count
    }
    print("setup: hall (110 tables, 23 combinations); typical day \(typicalCount) bookings, saturated day \(saturatedCount) bookings on \(date)")

    var queries: [AvailabilityRequest] = []
    var lines: [[UInt8]] = []
    for _ in 0..<requestCount {
        let minutes = grid.randomElement(using: &rng)!
        let size = party()
        queries.append(AvailabilityRequest(query: SeatingQuery(date: date, time: minutes, party: size)))
        lines.append(Array(#"{"id":1,"op":"availability","restaurant":"hall","date":"\#(date)","time":"\#(ClockTime.format(minutes))","party":\#(size)}"#.utf8))
    }
    func measure(_ body: (Int) -> Int) -> (samples: [UInt64], work: Int) {
        var samples: [UInt64] = []
        samples.reserveCapacity(requestCount)
        for index in 0..<min(2_000, requestCount) { _ = body(index) }  // warm-up
        var work = 0
        for index in 0..<requestCount {
            let start = DispatchTime.now().uptimeNanoseconds
            work &+= body(index)
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        return (samples, work)
    }

    // 2. In-process availability on both days: the engine alone, and the full request path
    //    (parse the line, look up the cached day, search, encode the response line).
    for (name, pair) in [("typical", typical), ("saturated", saturated)] {
        let (store, service) = pair
        let floor = try Floor(try store.layout(restaurant: "hall")!.layout)
        let day = DayState(floor: floor, date: date, bookings: try store.day(DayKey(restaurant: "hall", date: date)).bookings)
        let engine = measure { index in AvailabilitySearch.search(floor: floor, day: day, request: queries[index]).slots.count }
        print(LatencyStats(engine.samples).line("\(name) day, availability engine only (±90 min, limit 5)"))
        print(String(format: "  slots offered per query: %.2f of 5", Double(engine.work) / Double(requestCount)))
        let full = measure { index in service.respond(toLine: lines[index]).count }
        print(LatencyStats(full.samples).line("\(name) day, request line -> response line in-process"))
    }
    let store = saturated.0
    let placed = saturatedCount

    // Repack (`optimize`) of the typical evening: every booking was placed by greedy, unlocked.
    do {
        let floor = try Floor(try typical.0.layout(restaurant: "hall")!.layout)
        let day = DayState(floor: floor, date: date, bookings: try typical.0.day(DayKey(restaurant: "hall", date: date)).bookings)
        if let path = option("--write-repack-lp") {
            try ModelExport.write(Repack.model(floor: floor, day: day, from: nil).model.linear, format: .lp, to: path)
        }
        for cap in [250, 1_000, 5_000] {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = Repack.optimize(floor: floor, day: day, from: nil, timeLimitMilliseconds: cap)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "repack, typical day (%d bookings free to move): wasted seats %d -> %d, combinations %d -> %d, %d moves, optimal %@, %.3f s (cap %d ms)",
                         result.considered, result.before.wastedSeats, result.after.wastedSeats, result.before.combinations,
                         result.after.combinations, result.moves.count, result.optimal ? "yes" : "no", seconds, cap))
        }
    }

    // 3. Evenings replayed, greedy only vs reshuffle.
    for requests in [100, 300] { try runReplay(layoutFile: "brasserie", restaurant: "brasserie", requests: requests, seed: 5, root: root) }
    for requests in [300, 900] { try runReplay(layoutFile: "hall", restaurant: "hall", requests: requests, seed: 6, root: root) }

    // 4. The offline optimum (analysts' yardstick).
    let (hall, hallRequests) = try hallDinnerRequests(root: root, requests: 600, seed: 2026)
    for cap in [250, 1_000] { try runOfflineOptimum(label: "hall seed 2026", floor: hall, requests: hallRequests, timeLimitMilliseconds: cap) }

    // 5. Throughput through `maitre serve` (stdin to stdout, one process).
    if let binary = option("--maitre") {
        var input = Data(#"{"op":"layout.put","layout":\#(layoutText)}"#.utf8 + [0x0A])
        for line in try store.day(DayKey(restaurant: "hall", date: date)).bookings {
            let booking = #"{"op":"book","restaurant":"hall","date":"\#(date)","time":"\#(ClockTime.format(line.start))","party":\#(line.party),"duration":\#(line.duration),"channel":"host","tables":[\#(line.tables.map { "\"\($0)\"" }.joined(separator: ","))]}"#
            input.append(Data(booking.utf8 + [0x0A]))
        }
        let setupLines = placed + 1
        for line in lines { input.append(Data(line + [0x0A])) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("maitre-bench-input.ndjson")
        try input.write(to: path)
        // Both stores, fresh each run: in memory, and SQLite in memory (the durable file store adds
        // one fsync per committed booking, which the setup lines would dominate).
        for store in [["--store", "memory"], ["--db", ":memory:"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--now", "2026-11-19T09:00:00Z"] + store
            process.standardInput = try FileHandle(forReadingFrom: path)
            process.standardError = FileHandle.nullDevice
            let output = Pipe()
            process.standardOutput = output
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let lines = data.split(separator: 0x0A)
            let failures = lines.dropFirst(setupLines).filter { !$0.starts(with: Array(#"{"id":1,"ok":true"#.utf8)) }.count
            print(String(format: "maitre serve %@: %d lines (%d setup + %d availability) in %.3f s = %.0f requests/s; %d availability errors",
                         store.joined(separator: " "), lines.count, setupLines, requestCount, seconds, Double(lines.count) / seconds, failures))
        }
    }

}

try runBenchmarks()
