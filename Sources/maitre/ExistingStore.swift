import Foundation
import SeatingService
import SeatingStore

/// Opens the store a read-only command (`export`, `report`, `preview`, `whatif`) looks at:
/// a PostgreSQL URL (`postgres://…`), or a SQLite file that must already exist (only `serve`
/// creates one). Any failure is one `CommandFailure` line naming `db`.
enum ExistingStore {
    static func open(_ db: String) throws -> any Store {
        do {
            if PostgresStore.handles(db) { return try PostgresStore(url: db) }
            try requireFile(db)
            return try SQLiteStore(path: db, legacyLayouts: .protocolDocument)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(db): cannot open the database: \(error)")
        }
    }

    /// Refuses a SQLite path that does not exist: only `serve` creates a database.
    static func requireFile(_ db: String) throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw CommandFailure("\(db): no such database (only `maitre serve` creates one)")
        }
    }
}
