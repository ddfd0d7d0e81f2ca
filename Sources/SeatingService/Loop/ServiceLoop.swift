#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Seating

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

    /// Reads requests from `input` until end of file, writing responses to `output`.
    /// Returns false when the output closed early.
    @discardableResult
    public func run(input: Int32, output: Int32) -> Bool {
        var framer = LineFramer(maxLineBytes: maxLineBytes)
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 16)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            while let frame = framer.next() {
                pending.append(contentsOf: respond(to: frame))
                if pending.count >= 1 << 16 {
                    guard Self.writeAll(pending, to: output) else { return false }
                    pending.removeAll(keepingCapacity: true)
                }
            }
            if !pending.isEmpty {
                guard Self.writeAll(pending, to: output) else { return false }
                pending.removeAll(keepingCapacity: true)
            }
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            if count == 0 { break }
            framer.append(chunk[0..<count])
        }
        if let frame = framer.finish() { pending.append(contentsOf: respond(to: frame)) }
        return pending.isEmpty || Self.writeAll(pending, to: output)
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
