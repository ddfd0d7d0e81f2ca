import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Seating
import SeatingService
import SeatingStore

/// `maitre serve`: NDJSON requests on stdin, responses on stdout, logs on stderr.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer JSON requests, one per line, on stdin; one response per line on stdout.",
        discussion: """
            Responses go to stdout, in request order; logs go to stderr. The exit status is 0 when stdin \
            reached its end and every answer was written, 1 when reading or writing failed.

            Examples:
              echo '{"id":1,"op":"ping"}' | maitre serve --db maitre.db
              maitre serve --db postgres://maitre@127.0.0.1:5432/maitre < in.ndjson
              maitre serve --store memory --now 2026-11-21T12:00:00Z < in.ndjson
            """)

    enum StoreKind: String, ExpressibleByArgument, CaseIterable {
        case sqlite
        case memory
    }

    @Option(help: "Where state lives: sqlite (durable, the default) or memory (gone when the process ends); a postgres:// --db implies PostgreSQL.")
    var store: StoreKind = .sqlite

    @Option(help: "The SQLite database file (created if missing, said on stderr; default maitre.db), :memory: for a private in-memory database, or a PostgreSQL URL (postgres://user@host:port/dbname; its tables are created if missing). Not with --store memory.")
    var db: String?

    @Option(help: "Freeze the clock at this UTC instant (e.g. 2026-11-21T12:00:00Z), for reproducible transcripts.")
    var now: String?

    @Option(help: "Lines longer than this many bytes are answered too_large.")
    var maxLineBytes: Int = ServiceLoop.defaultMaxLineBytes

    @Option(help: "Restaurant-days kept indexed in memory (least recently used evicted).")
    var cachedDays: Int = 1_024

    @Option(help: "0 turns reshuffles off (moving unlocked bookings to seat a party greedy could not); otherwise the time cap in milliseconds of the integer program a layout reassign runs (availability and book searches are bounded by work).")
    var reshuffleMs: Int = Reshuffle.Limits().timeLimitMilliseconds

    @Option(help: "Opt-in: time cap in milliseconds of an integer program for the times the searches leave undecided (they are then offered when it finds a plan); 0, the default, keeps answers bounded by work and the same on every machine.")
    var availabilitySolverMs: Int = 0

    @Option(help: "Opt-in: options of the deeper look an availability ask gives its first time the searches leave undecided (the window's linear relaxation orders a complete search; bounded by work, the same answers on every machine); 0, the default, never looks deeper. Fewer refusals where a plan exists, at 7-30 ms more on the asks of a full evening that need it.")
    var deepBudget: Int = 0

    @Flag(inversion: .prefixedNo, help: "Decide the candidate times of an availability ask that need the whole-day searches on a second thread, ahead of the search that asks them: the same answers, sooner on full evenings, more CPU per ask.")
    var decideAhead = true

    @OptionGroup var logging: LogOptions

    func validate() throws {
        if let now, FixedClock(iso8601: now) == nil {
            throw ValidationError("--now must be an ISO 8601 UTC instant such as 2026-11-21T12:00:00Z")
        }
        guard maxLineBytes >= 1_024 else { throw ValidationError("--max-line-bytes must be at least 1024") }
        guard cachedDays >= 1 else { throw ValidationError("--cached-days must be at least 1") }
        guard (0...10_000).contains(reshuffleMs) else { throw ValidationError("--reshuffle-ms must be between 0 and 10000") }
        guard (0...10_000).contains(availabilitySolverMs) else { throw ValidationError("--availability-solver-ms must be between 0 and 10000") }
        guard (0...1_000_000).contains(deepBudget) else { throw ValidationError("--deep-budget must be between 0 and 1000000") }
        if store == .memory, db != nil { throw ValidationError("--db does not apply to --store memory: give one or the other") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let logger = logging.logger()
        let clock: ServiceClock = now.flatMap { FixedClock(iso8601: $0) } ?? SystemClock()
        let db = self.db ?? "maitre.db"
        let backing: Store
        do {
            switch store {
            case .sqlite where PostgresStore.handles(db):
                backing = try PostgresStore(url: db)
                logger.info("opened the PostgreSQL store at \(PostgresStore.redacted(db))")
            case .sqlite:
                let creating = db != ":memory:" && !FileManager.default.fileExists(atPath: db)
                backing = try SQLiteStore(path: db, legacyLayouts: .protocolDocument)
                logger.info("\(creating ? "created a new" : "opened the") SQLite store at \(db) (WAL, synchronous=FULL)")
            case .memory:
                backing = InMemoryStore()
                logger.info("in-memory store (nothing survives this process)")
            }
        } catch {
            throw CommandFailure("cannot open the store at \(PostgresStore.redacted(db)): \(error)")
        }
        let service = SeatingService(store: backing, clock: clock, cachedDays: cachedDays,
                                     reshuffle: reshuffleMs > 0 ? Reshuffle.Limits(timeLimitMilliseconds: reshuffleMs,
                                                                                   decideSolverMilliseconds: availabilitySolverMs,
                                                                                   deepBudget: deepBudget) : nil,
                                     decideAhead: decideAhead,
                                     logger: logger)
        switch ServiceLoop(service: service, maxLineBytes: maxLineBytes).run(input: 0, output: 1) {
        case .finished: break
        case .inputFailed(let reason): throw CommandFailure("reading stdin failed: \(reason)")
        case .outputFailed(let reason): throw CommandFailure("writing stdout failed: \(reason)")
        }
    }
}
