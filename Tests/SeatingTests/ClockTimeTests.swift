import Seating
import Testing

@Suite struct ClockTimeTests {
    @Test func parsesServiceDayTimes() {
        #expect(ClockTime.parse("19:30") == 1170)
        #expect(ClockTime.parse("00:00") == 0)
        #expect(ClockTime.parse("24:30") == 1470)
        #expect(ClockTime.parse("9:05") == 545)
        #expect(ClockTime.parse("47:59") == 47 * 60 + 59)
        for bad in ["48:00", "19:60", "1930", "19:3", "ab:cd", "-1:00", ""] {
            #expect(ClockTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func formatsPastMidnight() {
        #expect(ClockTime.format(1470) == "24:30")
        #expect(ClockTime.format(545) == "09:05")
    }
}
