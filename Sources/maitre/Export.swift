import ArgumentParser
import Foundation
import MILP
import Seating
import SeatingService
import SeatingStore

/// `maitre export`: write the integer programs of a stored restaurant-day for another solver —
/// the repack (`optimize`), or with `--party` and `--time` the reshuffle that would seat a new
/// party. (`maitre optimum --lp|--mps` writes the offline optimum's.)
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the integer program that repacks a restaurant-day (what `optimize` solves), or with --party and --time the reshuffle that would seat a new party, as CPLEX LP or MPS.",
        discussion: """
            Examples:
              maitre export --db maitre.db --restaurant bistro \\
                --date 2026-11-20 -o repack.lp
              maitre export --db maitre.db --restaurant bistro \\
                --date 2026-11-20 --party 4 --time 19:30 --mps -o four.mps
            """)

    @OptionGroup var day: StoredDayOptions

    @Option(help: "Repack: only bookings starting at or after this time (HH:MM) may move.")
    var from: String?

    @Option(help: "Reshuffle: the new party's size (with --time).")
    var party: Int?

    @Option(help: "Reshuffle: the new party's time, HH:MM (with --party).")
    var time: String?

    @Flag(help: "The format.")
    var format: ModelExport.Format = .lp

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    /// Misuse is told before anything is opened, with this command's usage.
    func validate() throws {
        if let from, ClockTime.parse(from) == nil { throw ValidationError("--from must be HH:MM") }
        guard (party == nil) == (time == nil) else { throw ValidationError("--party and --time go together") }
        if let party, !(1...1_000).contains(party) { throw ValidationError("--party must be in 1...1000") }
        if let time, ClockTime.parse(time) == nil { throw ValidationError("--time must be HH:MM") }
    }

    func run() throws {
        let fromMinutes = try from.map { text -> Int in
            guard let minutes = ClockTime.parse(text) else { throw ValidationError("--from must be HH:MM") }
            return minutes
        }
        let stored = try day.load()
        let floor = stored.floor
        let model: AssignmentModel
        switch (party, time) {
        case (nil, nil):
            model = Repack.model(floor: floor, day: stored.day, from: fromMinutes).model
        case (let party?, let time?):
            guard (1...1_000).contains(party) else { throw ValidationError("--party must be in 1...1000") }
            guard let minutes = ClockTime.parse(time) else { throw ValidationError("--time must be HH:MM") }
            let query = SeatingQuery(date: day.serviceDate, time: minutes, party: party, channel: .host)
            guard let program = Reshuffle.program(floor: floor, day: stored.day, query: query) else {
                throw CommandFailure("no reshuffle model: no unlocked booking is chained to \(time) by overlaps, or no table could take \(party) even with them all moved")
            }
            model = program.model
        default:
            throw ValidationError("--party and --time go together")
        }
        try ModelExport.write(model.linear, format: format, to: output)
        print("\(output): \(model.items.count) items, \(model.linear.columns.count) variables, \(model.linear.rows.count) rows (\(format.rawValue))")
    }
}

extension ModelExport.Format: EnumerableFlag {}
