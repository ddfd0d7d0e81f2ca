/// Splits a byte stream into NDJSON lines, enforcing a maximum line length.
///
/// Invariants: bytes are delivered in order, each line once, without its `\n` (and without a
/// trailing `\r`); a line longer than `maxLineBytes` is never buffered whole: its bytes are
/// dropped as they arrive and it comes out as one `.tooLarge`; blank lines are skipped.
///
/// ```swift
/// var framer = LineFramer(maxLineBytes: 1 << 20)
/// framer.append(Array("{\"op\":\"ping\"}\n{\"op\"".utf8))
/// framer.next()   // .line(...{"op":"ping"}...)
/// framer.next()   // nil: the second line is not complete yet
/// ```
public struct LineFramer {
    /// What the framer yields.
    public enum Frame: Equatable {
        case line([UInt8])
        case tooLarge(bytes: Int)
    }

    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    /// Start of the unconsumed bytes in `buffer`; compacted away when it passes half the buffer.
    private var head = 0
    private var scanned = 0
    private var discarding = false
    private var discarded = 0

    public init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if head > 0, head * 2 >= buffer.count {
            buffer.removeSubrange(..<head)
            scanned -= head
            head = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or nil when more input is needed.
    public mutating func next() -> Frame? {
        while true {
            if let newline = buffer[max(scanned, head)...].firstIndex(of: 0x0A) {
                if discarding {
                    let total = discarded + newline - head
                    consume(through: newline)
                    discarding = false
                    discarded = 0
                    return .tooLarge(bytes: total)
                }
                var line = Array(buffer[head..<newline])
                consume(through: newline)
                if line.last == 0x0D { line.removeLast() }
                if line.count > maxLineBytes { return .tooLarge(bytes: line.count) }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                return .line(line)
            }
            scanned = buffer.count
            if buffer.count - head > maxLineBytes + 1 {
                // No newline within the limit: drop what we hold and skip to the next newline.
                discarded += buffer.count - head
                buffer.removeAll(keepingCapacity: true)
                head = 0
                scanned = 0
                discarding = true
            }
            return nil
        }
    }

    /// At end of input: the unterminated last line, if any.
    public mutating func finish() -> Frame? {
        defer { buffer = []; head = 0; scanned = 0; discarding = false; discarded = 0 }
        if discarding { return .tooLarge(bytes: discarded + buffer.count - head) }
        var line = Array(buffer[head...])
        if line.last == 0x0D { line.removeLast() }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        return line.count > maxLineBytes ? .tooLarge(bytes: line.count) : .line(line)
    }

    private mutating func consume(through index: Int) {
        head = index + 1
        scanned = head
        if head == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            head = 0
            scanned = 0
        }
    }
}
