import Foundation
import MaitreJSON
import Seating
import SeatingService

/// The booking web page's workload (issue 28), through a real `maitre serve` process: what a
/// guest waits for when a page asks for times and books one, on evenings filled to saturation.
///
///   maitre-bench --booking-page --maitre PATH [--floors K | --floor-seeds 1,2,3] [--no-fixtures |
///                --fixtures-only] [--guests N] [--quick] [--reshuffle-ms X] [--seed N]
///
/// Floor-days: the hall and brasserie fixtures on Friday 2026-11-20 and Saturday 2026-11-21 (the
/// same guests both days), and seeded random floors (`BookingPageFloor`, one day each). Each
/// floor-day gets a fresh `maitre serve --store memory` and about one guest per seat. A guest asks
/// `availability` (online, ±90 minutes, 8 answers) at the time it wants and books the first time
/// offered within its flexibility (0, 30, 60 or 90 minutes either side), else is turned away; about
/// 5 % of guests cancel an earlier booking instead, and 5 % change its party by one. Then 100
/// blind `book`s at random times, without asking first (refused ones carry alternatives).
///
/// Latencies are timed from writing the request line to reading the response line, one request
/// at a time. A guest turned away is a miss when the exact check (`Reshuffle.find`, 2 s cap,
/// 200,000 chain nodes, untimed) seats it at some time of its window on the day as it stood, as in
/// `runMisses`; a time offered and then refused by `book` is counted too.
struct BookingPageBenchmark {
    var binary: String
    var serveArguments: [String]
    var floorSeeds: [UInt64]
    var fixtures: Bool
    var randomFloors: Bool
    var guests: Int?
    var quick: Bool
    var seed: UInt64
    var blindBooks = 100
    /// Where to write each turned-away guest's question (`QuestionReplay`), if anywhere.
    var dumpDirectory: String? = nil

    static let friday = ServiceDate("2026-11-20")!
    static let saturday = ServiceDate("2026-11-21")!

    /// One restaurant on one date, and the stream of guests it gets.
    struct FloorDay {
        let label: String
        let restaurant: String
        let date: ServiceDate
        let layoutJSON: String
        /// Seeds the guests; the same for a fixture on both days.
        let guestSeed: UInt64
    }

    /// What one floor-day measured; latencies in nanoseconds.
    struct Outcome {
        var guests = 0, asks = 0, seated = 0, covers = 0, turnedAway = 0, misses = 0, offeredThenRefused = 0
        var blindBooked = 0
        /// Why blind books were refused: error code, count.
        var blindRefusals: [String: Int] = [:]
        var availability: [UInt64] = [], book: [UInt64] = [], cancel: [UInt64] = [], modify: [UInt64] = []
        var blind: [UInt64] = []
    }

    func run(root: URL) throws {
        say("command: " + CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))
        var days: [FloorDay] = []
        if fixtures {
            for (index, name) in ["hall", "brasserie"].enumerated() {
                let pretty = try String(contentsOf: root.appendingPathComponent("Fixtures/layouts/\(name).json"), encoding: .utf8)
                let line = JSONWriter.string(try JSONParser.parse(Array(pretty.utf8)))
                for date in [Self.friday, Self.saturday] {
                    days.append(FloorDay(label: "\(name) \(date.weekday.rawValue) \(date)", restaurant: name, date: date,
                                         layoutJSON: line, guestSeed: UInt64(index + 1)))
                }
            }
        }
        if randomFloors {
            for floorSeed in floorSeeds {
                let floor = BookingPageFloor(seed: floorSeed, date: floorSeed % 2 == 1 ? Self.friday : Self.saturday)
                let extras = floor.features.isEmpty ? "" : ", " + floor.features.joined(separator: ", ")
                days.append(FloorDay(label: "random seed \(floorSeed) \(floor.date.weekday.rawValue) \(floor.date)\(extras)",
                                     restaurant: floor.restaurant, date: floor.date, layoutJSON: floor.layoutJSON,
                                     guestSeed: 100 + floorSeed))
            }
        }
        var all = Outcome()
        for day in days {
            let outcome = try measure(day)
            all.asks += outcome.asks
            all.guests += outcome.guests
            all.turnedAway += outcome.turnedAway
            all.seated += outcome.seated
            all.covers += outcome.covers
            all.misses += outcome.misses
            all.offeredThenRefused += outcome.offeredThenRefused
            all.availability += outcome.availability
            all.book += outcome.book
            all.blind += outcome.blind
        }
        let ask = LatencyStats(all.availability), book = LatencyStats(all.book), blind = LatencyStats(all.blind)
        say("all \(days.count) floor-days: \(all.guests) guests, \(all.asks) asks, \(all.seated) seated (\(all.covers) covers), \(all.turnedAway) turned away, \(all.misses) misses (\(percent(all.misses, of: all.asks)) of asks), \(all.offeredThenRefused) offered-then-refused; availability ms p50 \(ms(ask.percentile(50))) p90 \(ms(ask.percentile(90))) p99 \(ms(ask.percentile(99))) max \(ms(ask.sorted.last ?? 0)) mean \(ms(UInt64(ask.mean))); book ms p50 \(ms(book.percentile(50))) p99 \(ms(book.percentile(99))) max \(ms(book.sorted.last ?? 0)); blind book ms p50 \(ms(blind.percentile(50))) p90 \(ms(blind.percentile(90))) p99 \(ms(blind.percentile(99))) max \(ms(blind.sorted.last ?? 0))")
    }

    /// Plays one floor-day's guests and blind books against a fresh serve process and says its line.
    func measure(_ day: FloorDay) throws -> Outcome {
        let floor = try LayoutCheck.compile(Array(day.layoutJSON.utf8)).get()
        let client = try ServeClient(binary: binary, arguments: serveArguments)
        defer { client.close() }
        let put = try client.ask(#"{"op":"layout.put","layout":\#(day.layoutJSON)}"#)
        guard put.value["ok"]?.boolValue == true, let seats = put.value["result"]?["seats"]?.intValue else {
            throw CommandLineError("layout.put of \(day.label) failed: \(put.text)")
        }
        let exact = Reshuffle.Limits(timeLimitMilliseconds: 2_000, searchBudget: 200_000)
        let common = #""restaurant":"\#(day.restaurant)","date":"\#(day.date)""#
        var rng = SeededRandom(seed: seed &* 1_000_003 &+ day.guestSeed)
        var outcome = Outcome()
        outcome.guests = quick ? max(1, (guests ?? seats) / 3) : guests ?? seats
        // The guests' confirmed bookings, which later guests may cancel or change.
        var confirmed: [(id: String, party: Int)] = []
        for index in 0..<outcome.guests {
            let guest = pageGuest(&rng)
            let action = Int.random(in: 0..<100, using: &rng)
            if action < 10, !confirmed.isEmpty {
                let pick = Int.random(in: 0..<confirmed.count, using: &rng)
                if action < 5 {
                    let answer = try client.ask(#"{"op":"cancel","booking":"\#(confirmed[pick].id)"}"#)
                    outcome.cancel.append(answer.nanoseconds)
                    if answer.ok { confirmed.remove(at: pick) }
                } else {
                    let party = confirmed[pick].party == 1 || Bool.random(using: &rng) ? confirmed[pick].party + 1 : confirmed[pick].party - 1
                    let answer = try client.ask(#"{"op":"modify","booking":"\#(confirmed[pick].id)","party":\#(party)}"#)
                    outcome.modify.append(answer.nanoseconds)
                    if answer.ok { confirmed[pick].party = party }
                }
                continue
            }
            outcome.asks += 1
            let ask = try client.ask(#"{"op":"availability",\#(common),"time":"\#(ClockTime.format(guest.time))","party":\#(guest.party),"channel":"online","before":90,"after":90,"limit":8}"#)
            outcome.availability.append(ask.nanoseconds)
            let offered = ask.value["result"]?["slots"]?.arrayValue?.compactMap { $0["time"]?.stringValue } ?? []
            if let time = offered.first(where: { ClockTime.parse($0).map { abs($0 - guest.time) <= guest.flex } ?? false }) {
                let book = try client.ask(#"{"op":"book",\#(common),"time":"\#(time)","party":\#(guest.party),"channel":"online","idempotencyKey":"guest-\#(index)"}"#)
                outcome.book.append(book.nanoseconds)
                if book.ok, let id = book.value["result"]?["booking"]?["id"]?.stringValue {
                    confirmed.append((id, guest.party))
                } else {
                    outcome.offeredThenRefused += 1
                }
                continue
            }
            outcome.turnedAway += 1
            let booked = try bookedDay(day, floor: floor, client: client)
            let missed = isMiss(guest, floor: floor, day: booked.state, date: day.date, limits: exact)
            if missed { outcome.misses += 1 }
            if let dumpDirectory {
                let question = JSONValue.object([
                    JSONMember("label", .string(day.label)), JSONMember("date", .string("\(day.date)")),
                    JSONMember("layout", try JSONParser.parse(Array(day.layoutJSON.utf8))),
                    JSONMember("bookings", .array(booked.json)),
                    JSONMember("time", .int(guest.time)), JSONMember("party", .int(guest.party)),
                    JSONMember("flex", .int(guest.flex)), JSONMember("miss", .bool(missed)),
                ])
                let name = day.label.filter { $0.isLetter || $0.isNumber } + "-\(index).json"
                try JSONWriter.string(question).write(toFile: dumpDirectory + "/" + name, atomically: true, encoding: .utf8)
            }
        }
        let evening = try client.ask(#"{"op":"day",\#(common)}"#).value["result"]?["bookings"]?.arrayValue ?? []
        for booking in evening where booking["status"]?.stringValue == "booked" {
            outcome.seated += 1
            outcome.covers += booking["party"]?.intValue ?? 0
        }
        for index in 0..<blindBooks {
            let guest = pageGuest(&rng)
            let answer = try client.ask(#"{"op":"book",\#(common),"time":"\#(ClockTime.format(guest.time))","party":\#(guest.party),"channel":"online","idempotencyKey":"blind-\#(index)"}"#)
            outcome.blind.append(answer.nanoseconds)
            if answer.ok {
                outcome.blindBooked += 1
            } else {
                outcome.blindRefusals[answer.value["error"]?["code"]?.stringValue ?? "?", default: 0] += 1
            }
        }
        say(line(day, floor: floor, outcome))
        return outcome
    }

    /// The day as the service holds it, decoded from its `day` answer (not timed), and the
    /// answer's bookings as they came.
    func bookedDay(_ day: FloorDay, floor: Floor, client: ServeClient) throws -> (state: DayState, json: [JSONValue]) {
        let answer = try client.ask(#"{"op":"day","restaurant":"\#(day.restaurant)","date":"\#(day.date)"}"#)
        guard let items = answer.value["result"]?["bookings"]?.arrayValue else {
            throw CommandLineError("day of \(day.label) failed: \(answer.text)")
        }
        let bookings = try items.map { item in
            guard let booking = decodeBooking(item) else { throw CommandLineError("cannot read booking \(JSONWriter.string(item))") }
            return booking
        }
        return (DayState(floor: floor, date: day.date, bookings: bookings), items)
    }

    /// Whether the exact check seats a turned-away guest at some time of its window, as `runMisses`.
    func isMiss(_ guest: PageGuest, floor: Floor, day: DayState, date: ServiceDate, limits: Reshuffle.Limits) -> Bool {
        let query = SeatingQuery(date: date, time: guest.time, party: guest.party)
        return AvailabilitySearch.candidateTimes(floor: floor, query: query, before: guest.flex, after: guest.flex).contains { time in
            guard case .refuse(let reason) = SlotEvaluator.evaluate(floor: floor, day: day, query: query.at(time)),
                  Reshuffle.canHelp(reason) else { return false }
            return Reshuffle.find(floor: floor, day: day, query: query.at(time), limits: limits) != nil
        }
    }

    func line(_ day: FloorDay, floor: Floor, _ outcome: Outcome) -> String {
        let ask = LatencyStats(outcome.availability), book = LatencyStats(outcome.book)
        let cancel = LatencyStats(outcome.cancel), modify = LatencyStats(outcome.modify), blind = LatencyStats(outcome.blind)
        return "\(day.label) (\(floor.layout.tables.count) tables, \(floor.layout.combinations.count) combinations): "
            + "\(outcome.guests) guests, \(outcome.asks) asks, \(outcome.seated) seated (\(outcome.covers) covers), "
            + "\(outcome.turnedAway) turned away, \(outcome.misses) misses (\(percent(outcome.misses, of: outcome.asks)) of asks), "
            + "\(outcome.offeredThenRefused) offered-then-refused; "
            + "availability ms p50 \(ms(ask.percentile(50))) p99 \(ms(ask.percentile(99))) max \(ms(ask.sorted.last ?? 0)); "
            + "book ms p50 \(ms(book.percentile(50))) p99 \(ms(book.percentile(99))) max \(ms(book.sorted.last ?? 0)); "
            + "cancel p99 \(ms(cancel.percentile(99))) (\(cancel.sorted.count)), modify p99 \(ms(modify.percentile(99))) (\(modify.sorted.count)); "
            + "blind book ms p50 \(ms(blind.percentile(50))) p90 \(ms(blind.percentile(90))) p99 \(ms(blind.percentile(99))) max \(ms(blind.sorted.last ?? 0)) (\(outcome.blindBooked) of \(outcome.blind.count) booked"
            + outcome.blindRefusals.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "; \($0.key) \($0.value)" }.joined() + ")"
    }
}

/// A guest of the booking page: the time it wants (the dinner triangle peaking at 19:30), its
/// party, and how many minutes either side it would still take.
struct PageGuest {
    let time: Int
    let party: Int
    let flex: Int
}

/// Draws one booking-page guest: `dinnerGuest`'s times, parties of 1-12 (mostly twos and fours,
/// some 5-8, a few 9-12), flexibility 0, 30, 60 or 90 minutes.
func pageGuest(_ rng: inout SeededRandom) -> PageGuest {
    let time = dinnerGuest(&rng).time
    let roll = Int.random(in: 0..<100, using: &rng)
    let party = roll < 6 ? 1 : roll < 46 ? 2 : roll < 55 ? 3 : roll < 79 ? 4
        : roll < 95 ? Int.random(in: 5...8, using: &rng) : Int.random(in: 9...12, using: &rng)
    return PageGuest(time: time, party: party, flex: [0, 30, 60, 90][Int.random(in: 0...3, using: &rng)])
}

/// A booking as the protocol encodes it (`Encode.booking`), back into the engine's value.
/// `durationGiven` is not in the protocol's booking and stays false; the engine's checks do not read it.
func decodeBooking(_ value: JSONValue) -> Booking? {
    guard let id = value["id"]?.stringValue, let restaurant = value["restaurant"]?.stringValue,
          let date = value["date"]?.stringValue.flatMap({ ServiceDate($0) }), let start = value["time"]?.stringValue.flatMap(ClockTime.parse),
          let duration = value["duration"]?.intValue, let party = value["party"]?.intValue,
          let tables = value["tables"]?.arrayValue?.compactMap(\.stringValue),
          let status = value["status"]?.stringValue.flatMap(Booking.Status.init(rawValue:)),
          let channel = value["channel"]?.stringValue.flatMap(Booking.Channel.init(rawValue:)),
          let locked = value["locked"]?.boolValue else { return nil }
    let guest = value["guest"].flatMap { $0.isNull ? nil : JSONWriter.string($0) }
    return Booking(id: id, restaurant: restaurant, date: date, start: start, duration: duration, party: party, tables: tables,
                   status: status, channel: channel, locked: locked, area: value["area"]?.stringValue,
                   tags: value["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [], notes: value["notes"]?.stringValue,
                   guest: guest, idempotencyKey: value["idempotencyKey"]?.stringValue,
                   createdAt: value["createdAt"]?.stringValue ?? "", updatedAt: value["updatedAt"]?.stringValue ?? "")
}

private func ms(_ ns: UInt64) -> String { String(format: "%.2f", Double(ns) / 1e6) }

private func percent(_ count: Int, of total: Int) -> String {
    String(format: "%.1f %%", total == 0 ? 0 : 100 * Double(count) / Double(total))
}

/// One `maitre serve --store memory` process (clock frozen at 2026-11-19T09:00Z, errors only on
/// stderr) used one line at a time, each answer timed from writing the request line to reading
/// the response line. `arguments` are added to serve's (e.g. `--reshuffle-ms 50`).
final class ServeClient {
    /// An answer: its text, parsed, and how long it took.
    struct Answer {
        let text: String
        let value: JSONValue
        let nanoseconds: UInt64
        var ok: Bool { value["ok"]?.boolValue == true }
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []

    init(binary: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--store", "memory", "--now", "2026-11-19T09:00:00Z", "--log-level", "error"] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    /// Sends `line` and waits for its answer; throws when the process has gone.
    func ask(_ line: String) throws -> Answer {
        let sent = DispatchTime.now().uptimeNanoseconds
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let elapsed = DispatchTime.now().uptimeNanoseconds - sent
                let bytes = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                let text = String(decoding: bytes, as: UTF8.self)
                return Answer(text: text, value: try JSONParser.parse(bytes), nanoseconds: elapsed)
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw CommandLineError("maitre serve ended without answering \(line.prefix(120))") }
            buffer.append(contentsOf: chunk)
        }
    }

    func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
