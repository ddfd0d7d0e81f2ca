import Foundation

/// Runs the built `maitre` executable as a child process, the way a booking backend would.
enum MaitreBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `maitre` next to the test bundle (or `MAITRE_BIN`).
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["MAITRE_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("maitre")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/maitre")
    }

    /// Feeds `input` to `maitre serve` and returns (stdout, stderr, exit status).
    static func serve(_ input: Data, arguments: [String] = ["serve", "--db", ":memory:", "--now", "2026-11-19T09:00:00Z"],
                      directory: URL? = nil, output: FileHandle? = nil) throws -> (stdout: Data, stderr: Data, status: Int32) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        // Help text wraps at the terminal's width: fix it, so snapshots do not depend on where tests run.
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        if let output { process.standardOutput = output } else { process.standardOutput = stdout }
        process.standardError = stderr
        try process.run()
        // Write on another thread so a large input cannot deadlock against a full stdout pipe.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        if output != nil { try? stdout.fileHandleForWriting.close() }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (out, err, process.terminationStatus)
    }
}
