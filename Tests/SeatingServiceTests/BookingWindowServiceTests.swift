import Foundation
import MaitreJSON
import Seating
import SeatingService
import SeatingStore
import Testing

/// The booking window through the protocol: "now" is the restaurant's own local time, refusals
/// are `closed` with a `reason`, the layout document carries the window, replays stay replays.
@Suite struct BookingWindowServiceTests {
    /// The small floor in New York with a window: one hour's notice, 30 days ahead.
    static let layout = ServiceHarness.small.replacingOccurrences(
        of: #""restaurant":"r","#,
        with: #""restaurant":"r","timezone":"America/New_York","bookingWindow":{"minNoticeMinutes":60,"horizonDays":30},"#)

    /// 2026-11-21T23:30:00Z is 18:30 on Saturday 2026-11-21 in New York (UTC-5).
    func harness(now: String = "2026-11-21T23:30:00Z") -> ServiceHarness {
        let harness = ServiceHarness(now: now)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(Self.layout)}"#).ok)
        return harness
    }

    func book(_ harness: ServiceHarness, _ date: String, _ time: String, channel: String = "online", key: String = "k") -> JSONValue {
        harness.send(#"{"op":"book","restaurant":"r","date":"\#(date)","time":"\#(time)","party":2,"channel":"\#(channel)","idempotencyKey":"\#(key)"}"#)
    }

    @Test func nowIsTheRestaurantsLocalTime() {
        let harness = harness()
        // In UTC it is already Sunday 23:30; in New York Saturday's dinner is on.
        #expect(book(harness, "2026-11-21", "19:30").ok)
        let soon = book(harness, "2026-11-21", "19:15", key: "k2")
        #expect(soon.code == "closed")
        #expect(soon["error"]?["reason"] == "short_notice")
        #expect(soon["error"]?["field"] == "time")
        #expect(soon["error"]?["alternatives"]?.arrayValue?.isEmpty == false)
        let gone = book(harness, "2026-11-21", "18:15", key: "k3")
        #expect(gone["error"]?["reason"] == "past")
        let far = book(harness, "2026-12-22", "19:00", key: "k4")
        #expect(far["error"]?["reason"] == "beyond_horizon")
        #expect(far["error"]?["field"] == "date")
        #expect(book(harness, "2026-12-21", "19:00", key: "k5").ok)
    }

    @Test func hostsEnterTodaysPastMinutesButNotAnOverDay() {
        let harness = harness()
        #expect(book(harness, "2026-11-21", "18:00", channel: "host", key: "h1").ok)
        #expect(book(harness, "2027-06-01", "19:00", channel: "host", key: "h2").ok)
        let yesterday = book(harness, "2026-11-20", "19:00", channel: "host", key: "h3")
        #expect(yesterday.code == "closed")
        #expect(yesterday["error"]?["reason"] == "past")
        let walkIn = harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-20","time":"21:00","party":2}"#)
        #expect(walkIn["error"]?["reason"] == "past")
        #expect(harness.send(#"{"op":"walkin","restaurant":"r","date":"2026-11-21","time":"18:30","party":2}"#).result["seated"] == true)
    }

    @Test func availabilityNamesTheWindowAndOffersOnlyBookableTimes() {
        let harness = harness()
        let answer = harness.send(#"{"op":"availability","restaurant":"r","date":"2026-11-21","time":"19:00","party":2,"before":90,"after":90,"limit":8}"#)
        #expect(answer.result["requested"]?["reason"] == "short_notice")
        let times = answer.result["slots"]?.arrayValue?.compactMap { $0["time"]?.stringValue } ?? []
        #expect(!times.isEmpty)
        #expect(times.allSatisfy { $0 >= "19:30" })
        for time in times {
            #expect(book(self.harness(), "2026-11-21", time).ok, "offered \(time) must be bookable")
        }
    }

    @Test func aReplayAfterTheTimePassedReturnsTheBooking() {
        let harness = harness()
        let first = book(harness, "2026-11-21", "19:30")
        #expect(first.ok)
        let later = SeatingService(store: harness.store, clock: FixedClock(iso8601: "2026-11-22T03:00:00Z")!)
        let line = #"{"op":"book","restaurant":"r","date":"2026-11-21","time":"19:30","party":2,"channel":"online","idempotencyKey":"k"}"#
        let replay = try! JSONParser.parse(later.respond(toLine: Array(line.utf8)))
        #expect(replay.result["booking"]?["id"] == first.result["booking"]?["id"])
    }

    @Test func theLayoutDocumentCarriesTheWindow() {
        let harness = harness()
        let stored = harness.send(#"{"op":"layout.get","restaurant":"r"}"#).result["layout"]?["bookingWindow"]
        #expect(stored == .object([JSONMember("minNoticeMinutes", 60), JSONMember("horizonDays", 30)]))
        let defaults = ServiceHarness.small.replacingOccurrences(of: #""restaurant":"r","#, with: #""restaurant":"r","bookingWindow":{},"#)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(defaults)}"#).ok)
        #expect(harness.send(#"{"op":"layout.get","restaurant":"r"}"#).result["layout"]?["bookingWindow"]
            == .object([JSONMember("minNoticeMinutes", 0), JSONMember("horizonDays", 90)]))
        let absurd = ServiceHarness.small.replacingOccurrences(of: #""restaurant":"r","#, with: #""restaurant":"r","bookingWindow":{"horizonDays":100000},"#)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(absurd)}"#).field == "layout.bookingWindow.horizonDays")
        let nowhere = ServiceHarness.small.replacingOccurrences(of: #""restaurant":"r","#, with: #""restaurant":"r","timezone":"Mars/Olympus","bookingWindow":{},"#)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(nowhere)}"#).field == "layout.timezone")
    }

    @Test func aLayoutWithoutAWindowTakesAnyDate() {
        let harness = ServiceHarness(now: "2026-11-21T23:30:00Z")
        harness.putSmall()
        #expect(book(harness, "2020-01-03", "19:00").ok)
    }

    @Test func aLayoutReadBackCanBeSentBackAsItIs() {
        let harness = harness()
        let withBlock = Self.layout.replacingOccurrences(
            of: #""services":"#,
            with: #""blocks":[{"tables":["T1"],"date":"2026-12-24"}],"turnTimeOverrides":[{"from":"19:00","turnTimes":[{"minutes":45}]}],"services":"#)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(withBlock)}"#).ok)
        let read = harness.send(#"{"op":"layout.get","restaurant":"r"}"#).result["layout"]!
        #expect(read["blocks"]?.arrayValue?.first?["to"] == nil)
        #expect(harness.send(#"{"op":"layout.put","layout":\#(JSONWriter.string(read))}"#).ok)
        #expect(harness.send(#"{"op":"layout.get","restaurant":"r"}"#).result["layout"] == read)
        // The override has no days: it applies on every day (a Monday too).
        let monday = harness.send(#"{"op":"availability","restaurant":"r","date":"2026-11-23","time":"19:30","party":2,"channel":"host"}"#)
        #expect(monday.result["duration"] == 45)
    }
}
