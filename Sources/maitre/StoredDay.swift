import ArgumentParser
import Foundation
import Seating
import SeatingService
import SeatingStore

/// A restaurant-day read from an existing database (`ExistingStore`), for the commands that
/// look at one (`export`, `report`, `preview`); any failure becomes one `CommandFailure` line.
struct StoredDay {
    let floor: Floor
    let day: DayState

    init(db: String, restaurant: String, date: ServiceDate, layout: Layout? = nil) throws {
        let store = try ExistingStore.open(db)
        do {
            let chosen: Layout
            if let layout {
                chosen = layout
            } else {
                guard let stored = try store.layout(restaurant: restaurant) else {
                    throw CommandFailure("no layout for restaurant \(restaurant) in \(db)")
                }
                chosen = stored.layout
            }
            floor = try Floor(chosen, rules: .invariants)
            day = DayState(floor: floor, date: date, bookings: try store.day(DayKey(restaurant: restaurant, date: date)).bookings)
        } catch let error as CommandFailure {
            throw error
        } catch let error as LayoutRejection {
            throw CommandFailure("the layout of \(restaurant): \(error.first)")
        } catch {
            throw CommandFailure("\(db): \(error)")
        }
    }
}

/// The options that name a stored restaurant-day (`--db`, `--restaurant`, `--date`), shared by
/// the commands that read one (`export`, `report`), with one validation and one loader.
struct StoredDayOptions: ParsableArguments {
    @Option(help: "The database: a SQLite file (must exist; only `maitre serve` creates one) or a postgres:// URL.")
    var db: String = "maitre.db"

    @Option(help: "The restaurant id.")
    var restaurant: String

    @Option(help: "The service date, YYYY-MM-DD.")
    var date: String

    func validate() throws {
        guard ServiceDate(date) != nil else { throw ValidationError("--date must be YYYY-MM-DD") }
    }

    /// The service date (valid once `validate` passed).
    var serviceDate: ServiceDate { ServiceDate(date)! }

    /// The stored day, read from the database.
    func load() throws -> StoredDay { try StoredDay(db: db, restaurant: restaurant, date: serviceDate) }
}

/// The compiled floor of a layout file, read and checked as `layout.put` would; any failure is
/// one `CommandFailure` line naming the file (`preview`, `whatif`, `optimum`).
func layoutFloor(_ path: String) throws -> Floor {
    guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
    switch LayoutCheck.compile(Array(data)) {
    case .success(let floor): return floor
    case .failure(let failure): throw CommandFailure("\(path): \(failure.problems.joined(separator: "; "))")
    }
}
