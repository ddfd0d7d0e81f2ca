import ArgumentParser
import Foundation
import MILP
import Seating
import SeatingService
import SeatingStore

/// `maitre export`: write the repack model of a stored restaurant-day for another solver.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the integer program that repacks a restaurant-day (what `optimize` solves) as CPLEX LP or MPS.")

    @Option(help: "The SQLite database.")
    var db: String = "maitre.db"

    @Option(help: "The restaurant id.")
    var restaurant: String

    @Option(help: "The service date, YYYY-MM-DD.")
    var date: String

    @Option(help: "Only bookings starting at or after this time (HH:MM) may move.")
    var from: String?

    @Flag(help: "The format (default: --lp).")
    var format: ModelExport.Format = .lp

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    func run() throws {
        guard let serviceDate = ServiceDate(date) else { throw ValidationError("--date must be YYYY-MM-DD") }
        let fromMinutes = try from.map { text -> Int in
            guard let minutes = ClockTime.parse(text) else { throw ValidationError("--from must be HH:MM") }
            return minutes
        }
        let store = try SQLiteStore(path: db, layoutCodec: .document)
        guard let stored = try store.layout(restaurant: restaurant) else {
            throw ValidationError("no layout for restaurant \(restaurant) in \(db)")
        }
        let floor = try Floor(stored.layout)
        let day = DayState(floor: floor, date: serviceDate, bookings: try store.day(DayKey(restaurant: restaurant, date: serviceDate)).bookings)
        let (model, _) = Repack.model(floor: floor, day: day, from: fromMinutes)
        try ModelExport.write(model.linear, format: format, to: output)
        print("\(output): \(model.items.count) bookings, \(model.linear.columns.count) variables, \(model.linear.rows.count) rows (\(format.rawValue))")
    }
}

extension ModelExport.Format: EnumerableFlag {}
