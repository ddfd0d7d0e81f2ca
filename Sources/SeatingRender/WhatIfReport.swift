import Seating

/// What a layout change does to the bookings already taken, as one self-contained HTML page:
/// capacity before and after, the bookings that move (from, to) and those that cannot be seated,
/// and the timeline of each affected day on the new floor.
///
/// Invariants: pure; all user text escaped.
public enum WhatIfReport {
    public static func html(_ outcome: LayoutChange.Outcome, before: Floor?, after: Floor, names: [String: String] = [:]) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>What if: \(Markup.escape(after.layout.name))</title>
            <style>
            body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
            h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 18px; }
            table.data { border-collapse: collapse; font-size: 12px; }
            table.data th, table.data td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; }
            .bad { color: #d32f2f; } .picture svg { max-width: 100%; height: auto; }
            @page { size: A4 landscape; margin: 12mm; }
            </style></head><body>

            """
        out += "<h1>What the new layout of \(Markup.escape(after.layout.name)) does to the bookings taken</h1>\n"
        out += "<p>\(outcome.kept.count) keep their tables, \(outcome.moved.count) move, <span class=\"\(outcome.unseatable.isEmpty ? "" : "bad")\">\(outcome.unseatable.count) cannot be seated</span>.</p>\n"
        out += "<h2>Capacity</h2><table class=\"data\"><tr><th></th><th>before</th><th>after</th></tr>"
        let old = before.map { CapacityFigures(floor: $0) }, new = CapacityFigures(floor: after)
        func row(_ name: String, _ value: (CapacityFigures) -> String, floor: (Floor) -> String = { _ in "" }) {
            out += "<tr><th>\(name)</th><td>\(old.map(value) ?? "—")</td><td>\(value(new))</td></tr>"
        }
        out += "<tr><th>tables</th><td>\(before.map { String($0.tables.count) } ?? "—")</td><td>\(after.tables.count)</td></tr>"
        out += "<tr><th>combinations</th><td>\(before.map { String($0.layout.combinations.count) } ?? "—")</td><td>\(after.layout.combinations.count)</td></tr>"
        row("seats") { String($0.seats) }
        row("largest party, online") { String($0.largestOnlineParty) }
        row("largest party, host") { String($0.largestHostParty) }
        row("party sizes no table seats") { $0.unseatable.isEmpty ? "none" : $0.unseatable.map(String.init).joined(separator: ", ") }
        out += "</table>\n"
        let byID = Dictionary(uniqueKeysWithValues: outcome.bookings.map { ($0.id, $0) })
        out += "<h2>Bookings that move</h2>"
        if outcome.moved.isEmpty { out += "<p>No booking moves.</p>\n" } else {
            out += "<table class=\"data\"><tr><th>booking</th><th>date</th><th>time</th><th>party</th><th>guest</th><th>from</th><th>to</th></tr>"
            for move in outcome.moved {
                let booking = byID[move.booking]
                out += "<tr><td>\(Markup.escape(move.booking))</td><td>\(booking.map { "\($0.date)" } ?? "")</td><td>\(booking.map { ClockTime.format($0.start) } ?? "")</td>"
                out += "<td>\(booking.map { String($0.party) } ?? "")</td><td>\(Markup.escape(names[move.booking] ?? ""))</td>"
                out += "<td>\(Markup.escape(move.from.joined(separator: "+")))</td><td>\(Markup.escape(move.to.joined(separator: "+")))</td></tr>"
            }
            out += "</table>\n"
        }
        out += "<h2>Bookings that cannot be seated</h2>"
        if outcome.unseatable.isEmpty { out += "<p>Every booking can be seated.</p>\n" } else {
            out += "<table class=\"data\"><tr><th>booking</th><th>date</th><th>time</th><th>party</th><th>guest</th><th>tables</th><th>why</th></tr>"
            for item in outcome.unseatable {
                let booking = item.booking
                out += "<tr class=\"bad\"><td>\(Markup.escape(booking.id))</td><td>\(booking.date)</td><td>\(ClockTime.format(booking.start))</td><td>\(booking.party)</td>"
                out += "<td>\(Markup.escape(names[booking.id] ?? ""))</td><td>\(Markup.escape(booking.tables.joined(separator: "+")))</td><td>\(Markup.escape(item.reason))</td></tr>"
            }
            out += "</table>\n"
        }
        let affected = Set(outcome.moved.compactMap { byID[$0.booking]?.date } + outcome.unseatable.map(\.booking.date))
        for date in affected.sorted() {
            let day = DayState(floor: after, date: date, bookings: outcome.bookings.filter { $0.date == date })
            out += "<h2>\(date) on the new layout</h2><div class=\"picture\">\n"
            out += Timeline.svg(DayView(floor: after, day: day, names: names))
            out += "</div>\n"
        }
        out += "</body></html>\n"
        return out
    }
}
