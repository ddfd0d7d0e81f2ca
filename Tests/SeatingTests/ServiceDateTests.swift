import Seating
import Testing

@Suite struct ServiceDateTests {
    @Test func parsesAndFormats() {
        #expect(ServiceDate("2026-11-21")?.description == "2026-11-21")
        #expect(ServiceDate("2024-02-29") != nil)
        #expect(ServiceDate("2026-02-29") == nil)
        #expect(ServiceDate("2026-13-01") == nil)
        #expect(ServiceDate("2026-1-01") == nil)
        #expect(ServiceDate("26-11-21xx") == nil)
    }

    @Test func weekdays() {
        #expect(ServiceDate("2026-11-21")?.weekday == .sat)
        #expect(ServiceDate("1970-01-01")?.weekday == .thu)
        #expect(ServiceDate("2000-02-29")?.weekday == .tue)
    }

    @Test func addingDaysCrossesMonthsAndYears() {
        #expect(ServiceDate("2026-12-31")?.adding(days: 1)?.description == "2027-01-01")
        #expect(ServiceDate("2024-03-01")?.adding(days: -1)?.description == "2024-02-29")
    }
}
