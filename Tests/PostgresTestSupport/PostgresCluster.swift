import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for tests: `initdb` in a temporary folder (as a non-root
/// user: the `postgres` account when the tests run as root), `pg_ctl` on a free loopback port,
/// trust authentication for the superuser `maitre`, stopped and deleted at the end.
///
/// Invariants: listens on 127.0.0.1 only, with its socket in its own folder; never touches
/// a cluster it did not create. `shared` is started once per test process and stopped when the
/// process exits; tests that restart or stop a server start their own.
public final class PostgresCluster: @unchecked Sendable {
    public let port: Int
    public let directory: String
    private let binaries: String
    private let account: (name: String, uid: uid_t, gid: gid_t)?
    private let lock = NSLock()
    private var databases = 0
    private var stopped = false

    /// Why no cluster could be started here, or nil when one runs.
    public static var unavailableReason: String? {
        switch sharedResult {
        case .success: nil
        case .failure(let error): "\(error)"
        }
    }

    /// The cluster every test of this process shares (started on first use).
    public static var shared: PostgresCluster? { try? sharedResult.get() }

    /// Whether the tests run under CI, where a PostgreSQL test that cannot run is a failure.
    public static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    private static let sharedResult: Result<PostgresCluster, any Error> = {
        let result = Result { try PostgresCluster.start() }
        if case .success = result { atexit { PostgresCluster.shared?.stop() } }
        return result
    }()

    /// A failure to set up the cluster, saying which step failed and what it printed.
    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
    }

    private init(port: Int, directory: String, binaries: String, account: (name: String, uid: uid_t, gid: gid_t)?) {
        self.port = port
        self.directory = directory
        self.binaries = binaries
        self.account = account
    }

    /// Creates and starts a new cluster.
    public static func start() throws -> PostgresCluster {
        guard let binaries = findBinaries() else {
            throw SetupError(description: "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql: apt-get install postgresql")
        }
        var account: (name: String, uid: uid_t, gid: gid_t)?
        if getuid() == 0 {
            guard let entry = getpwnam("postgres") ?? getpwnam("nobody") else {
                throw SetupError(description: "running as root and no postgres or nobody account to run initdb as")
            }
            account = (String(cString: entry.pointee.pw_name), entry.pointee.pw_uid, entry.pointee.pw_gid)
        }
        var template = Array((NSTemporaryDirectory() + "maitre-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw SetupError(description: "cannot create a temporary folder") }
        let directory = String(cString: made)
        chmod(directory, 0o755)
        if let account { chown(directory, account.uid, account.gid) }
        let cluster = PostgresCluster(port: try freePort(), directory: directory, binaries: binaries, account: account)
        do {
            try cluster.run("initdb", ["-D", cluster.dataDirectory, "-U", "maitre", "--auth=trust", "-E", "UTF8", "--no-sync"])
            try cluster.startServer()
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    var dataDirectory: String { directory + "/data" }

    /// `postgres://maitre@127.0.0.1:PORT/NAME`.
    public func url(database: String) -> String { "postgres://maitre@127.0.0.1:\(port)/\(database)" }

    /// A new, empty database; its URL.
    public func createDatabase() throws -> String {
        let name = lock.withLock {
            databases += 1
            return "maitre_test_\(getpid())_\(databases)"
        }
        try run("psql", ["-X", "-q", "-h", "127.0.0.1", "-p", String(port), "-U", "maitre", "-d", "postgres",
                         "-c", "CREATE DATABASE \(name)"])
        return url(database: name)
    }

    /// Runs one SQL statement as the superuser on `database`; what psql printed.
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        try run("psql", ["-X", "-q", "-t", "-A", "-h", "127.0.0.1", "-p", String(port), "-U", "maitre", "-d", database, "-c", sql])
    }

    /// Stops the server at once (`pg_ctl stop -m immediate`: no shutdown checkpoint, as a crash).
    public func kill() throws {
        try run("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
    }

    /// Starts the server again after `kill` (crash recovery replays its WAL).
    public func startServer() throws {
        try run("pg_ctl", ["-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "60", "-o",
                           "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory) -c max_connections=100", "start"])
    }

    /// Stops the server and deletes its folder.
    public func stop() {
        let already = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        guard !already else { return }
        _ = try? run("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: - Helpers

    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        // Output goes to a file, not a pipe: the server pg_ctl starts would keep a pipe open.
        // posix_spawn and waitpid, not Foundation's Process: its waitUntilExit was seen to
        // hang on a child that had already exited (left a zombie) while tests ran in parallel.
        let outputPath = directory + "/\(tool)-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        let output = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard output >= 0 else { throw SetupError(description: "cannot write \(outputPath)") }
        if let account { fchown(output, account.uid, account.gid) }
        let argv: [String]
        if let account {
            argv = ["/usr/sbin/runuser", "-u", account.name, "--", "/usr/bin/env", "-C", directory, "\(binaries)/\(tool)"] + arguments
        } else {
            argv = ["/usr/bin/env", "-C", directory, "\(binaries)/\(tool)"] + arguments
        }
        let status: Int32
        do {
            defer { close(output) }
            status = try Self.spawnAndWait(argv, output: output)
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw SetupError(description: "\(tool) \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    /// Runs `argv` with stdin from /dev/null and stdout and stderr on `output`; its exit status
    /// (128 + signal when killed).
    private static func spawnAndWait(_ argv: [String], output: Int32) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // Nothing else of this process may reach the child: the server pg_ctl starts lives on and
        // would keep other tests' pipes open (a child process never seeing the end of its stdin).
        if let closeFrom = closeFrom {
            _ = closeFrom(&actions, 3)
        } else {
            let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
            for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw SetupError(description: "cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw SetupError(description: "waitpid failed for \(argv[0])") }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not export.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// The newest `/usr/lib/postgresql/N/bin` holding initdb and pg_ctl.
    private static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        for version in versions {
            let bin = "\(root)/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: bin + "/initdb"), FileManager.default.isExecutableFile(atPath: bin + "/pg_ctl") {
                return bin
            }
        }
        return nil
    }

    /// A loopback TCP port nobody listens on now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SetupError(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw SetupError(description: "cannot find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
