import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import SeatingService
import SeatingStore

/// `maitre serve`: NDJSON requests on stdin, responses on stdout, logs on stderr.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer JSON requests, one per line, on stdin; one response per line on stdout.")

    enum StoreKind: String, ExpressibleByArgument, CaseIterable {
        case memory
    }

    @Option(help: "Where state lives: \(StoreKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var store: StoreKind = .memory

    @Option(help: "Freeze the clock at this UTC instant (e.g. 2026-11-21T12:00:00Z), for reproducible transcripts.")
    var now: String?

    @Option(help: "Lines longer than this many bytes are answered too_large.")
    var maxLineBytes: Int = ServiceLoop.defaultMaxLineBytes

    @Option(help: "Restaurant-days kept indexed in memory (least recently used evicted).")
    var cachedDays: Int = 1_024

    func validate() throws {
        if let now, FixedClock(iso8601: now) == nil {
            throw ValidationError("--now must be an ISO 8601 UTC instant such as 2026-11-21T12:00:00Z")
        }
        guard maxLineBytes >= 1_024 else { throw ValidationError("--max-line-bytes must be at least 1024") }
        guard cachedDays >= 1 else { throw ValidationError("--cached-days must be at least 1") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let clock: ServiceClock = now.flatMap { FixedClock(iso8601: $0) } ?? SystemClock()
        let backing: Store = switch store {
        case .memory: InMemoryStore()
        }
        let service = SeatingService(store: backing, clock: clock, cachedDays: cachedDays)
        ServiceLoop(service: service, maxLineBytes: maxLineBytes).run(input: 0, output: 1)
    }
}
