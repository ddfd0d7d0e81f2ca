import Seating
import Testing

@Suite struct NaturalOrderTests {
    @Test func digitRunsCompareAsNumbers() {
        let ids = ["T10", "T9", "T1", "B2", "T1+T2", "T01", "T100", "A"]
        #expect(ids.sorted(by: NaturalOrder.less) == ["A", "B2", "T01", "T1", "T1+T2", "T9", "T10", "T100"])
        #expect(!NaturalOrder.less("T9", "T9"))
    }
}
