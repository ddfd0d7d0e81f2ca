import MaitreJSON
import Seating
import SystemPackage

/// Runs a `SeatingService` over byte streams: one request line in, one response line out, in order.
///
/// Invariants: responses are written in request order, each followed by `\n`, and flushed
/// before the loop blocks waiting for input (an interactive client always sees its answer);
/// only responses go to `output`; a line over `maxLineBytes` gets a `too_large` error and the
/// loop goes on.
public struct ServiceLoop {
    /// Lines above this many bytes are answered `too_large` (1 MiB, PROTOCOL.md).
    public static let defaultMaxLineBytes = 1 << 20

    let service: SeatingService
    let maxLineBytes: Int

    public init(service: SeatingService, maxLineBytes: Int = ServiceLoop.defaultMaxLineBytes) {
        self.service = service
        self.maxLineBytes = maxLineBytes
    }

    /// The response bytes (newline included) for one frame.
    public func respond(to frame: LineFramer.Frame) -> [UInt8] {
        var response: [UInt8]
        switch frame {
        case .line(let line): response = service.respond(toLine: line)
        case .tooLarge(let bytes):
            let error = ProtocolError(.tooLarge, "request line of \(bytes) bytes exceeds the limit of \(maxLineBytes) bytes")
            response = []
            JSONWriter.write(SeatingService.failure(id: .null, error), into: &response)
        }
        response.append(0x0A)
        return response
    }

    /// How a run ended.
    public enum Outcome: Sendable, Equatable {
        /// Input reached its end and every response was written.
        case finished
        /// Reading the input failed (the error named); what was read was answered.
        case inputFailed(String)
        /// Writing a response failed (the output closed early, a disk filled).
        case outputFailed(String)
    }

    /// Reads requests from `input` until end of file, writing responses to `output`.
    public func run(input: Int32, output: Int32) -> Outcome {
        let source = FileDescriptor(rawValue: input), sink = FileDescriptor(rawValue: output)
        var framer = LineFramer(maxLineBytes: maxLineBytes)
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 16)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        func flush() -> Outcome? {
            do {
                _ = try pending.withUnsafeBytes { try sink.writeAll($0) }
            } catch {
                return .outputFailed("\(error)")
            }
            pending.removeAll(keepingCapacity: true)
            return nil
        }
        while true {
            while let frame = framer.next() {
                pending.append(contentsOf: respond(to: frame))
                if pending.count >= 1 << 16, let failed = flush() { return failed }
            }
            if !pending.isEmpty, let failed = flush() { return failed }
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { try source.read(into: $0, retryOnInterrupt: true) }
            } catch {
                if let frame = framer.finish() { pending.append(contentsOf: respond(to: frame)) }
                return flush() ?? .inputFailed("\(error)")
            }
            if count == 0 { break }
            framer.append(chunk[0..<count])
        }
        if let frame = framer.finish() { pending.append(contentsOf: respond(to: frame)) }
        return flush() ?? .finished
    }
}
