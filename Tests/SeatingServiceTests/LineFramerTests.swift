import SeatingService
import Testing

@Suite struct LineFramerTests {
    func frames(_ chunks: [String], max: Int = 16) -> [LineFramer.Frame] {
        var framer = LineFramer(maxLineBytes: max)
        var out: [LineFramer.Frame] = []
        for chunk in chunks {
            framer.append(Array(chunk.utf8))
            while let frame = framer.next() { out.append(frame) }
        }
        if let last = framer.finish() { out.append(last) }
        return out
    }

    func line(_ text: String) -> LineFramer.Frame { .line(Array(text.utf8)) }

    @Test func splitsAcrossChunksAndSkipsBlankLines() {
        #expect(frames(["ab", "c\n\n  \r\nde\r\n", "f"]) == [line("abc"), line("de"), line("f")])
    }

    @Test func oversizedLinesBecomeOneTooLargeAndTheNextLineWorks() {
        let long = String(repeating: "x", count: 40)
        #expect(frames([long + "\nok\n"]) == [.tooLarge(bytes: 40), line("ok")])
        // Streamed in small pieces, the framer never holds the whole long line.
        let pieces = Array(repeating: String(repeating: "y", count: 10), count: 10) + ["\nnext\n"]
        #expect(frames(pieces) == [.tooLarge(bytes: 100), line("next")])
        #expect(frames([long]) == [.tooLarge(bytes: 40)])
    }

    @Test func manyLinesInOneChunk() {
        let text = (0..<1_000).map { "l\($0)" }.joined(separator: "\n")
        let out = frames([text], max: 100)
        #expect(out.count == 1_000)
        #expect(out.last == line("l999"))
    }
}
