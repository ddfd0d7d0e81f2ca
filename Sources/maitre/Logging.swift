import ArgumentParser
import Foundation
import Logging

/// `--log-level` and `--log-format`: what the process writes to stderr besides answers.
struct LogOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case plain
        case json
    }

    @Option(help: "Least severe log level written to stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(help: "Log lines as plain text or one JSON object each.")
    var logFormat: Format = .plain

    /// A logger writing lines of this format and level to stderr.
    func logger(label: String = "maitre") -> Logger {
        var logger = Logger(label: label) { label in StderrLogHandler(label: label, format: logFormat) }
        logger.logLevel = logLevel
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Writes each log record as one line on stderr: `LEVEL message key=value ...` or a JSON
/// object `{"level":..., "message":..., "label":..., metadata...}`.
struct StderrLogHandler: LogHandler {
    let label: String
    let format: LogOptions.Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let keys = merged.keys.sorted()
        let line: String
        switch format {
        case .plain:
            let pairs = keys.map { " \($0)=\(merged[$0]!)" }.joined()
            line = "maitre: \(event.level.rawValue) \(event.message)\(pairs)\n"
        case .json:
            var object: [String: String] = ["level": event.level.rawValue, "message": "\(event.message)", "label": label]
            for key in keys where object[key] == nil { object[key] = "\(merged[key]!)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            line = String(decoding: data, as: UTF8.self) + "\n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }
}
