import MaitreJSON
import Testing

@Suite struct JSONTests {
    func parse(_ text: String) -> JSONValue? { try? JSONParser.parse(Array(text.utf8)) }

    @Test func roundTripsKeepingOrderAndNumberText() {
        let text = #"{"b":1,"a":[true,false,null,-0.5,1e3,"x\"y\\z\n\u00e9\ud83d\ude00"],"c":{}}"#
        let value = parse(text)!
        #expect(JSONWriter.string(value) == #"{"b":1,"a":[true,false,null,-0.5,1e3,"x\"y\\z\né😀"],"c":{}}"#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":}", "01", "1.", "-", "tru", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"",
                      "{} x", "1e999", "NaN", "Infinity", "{'a':1}", "\"abc"])
    func rejectsMalformed(text: String) {
        #expect(parse(text) == nil, "\(text)")
    }

    @Test func rejectsInvalidUTF8() {
        #expect((try? JSONParser.parse([0x22, 0xC3, 0x28, 0x22])) == nil)
        #expect((try? JSONParser.parse([0x22, 0xFF, 0x22])) == nil)
    }

    @Test func limitsNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(parse(deep) == nil)
        let ok = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect(parse(ok) != nil)
    }

    @Test func integersAndRanges() {
        #expect(parse("4")?.intValue == 4)
        #expect(parse("4.0")?.intValue == 4)
        #expect(parse("4.5")?.intValue == nil)
        #expect(parse("123456789012345678901234567890")?.intValue == nil)
    }
}
