import Seating

/// The evening at a glance: covers and parties that sat or will sit (booked, seated, finished),
/// and the peak, the quarter hour with the most covers at table and how many tables they use.
public struct DaySummary: Sendable, Equatable {
    public var parties: Int
    public var covers: Int
    public var peakTime: Int
    public var peakCovers: Int
    public var peakTables: Int

    public init(_ view: DayView) {
        let bookings = (view.day.map { Array($0.bookings.values) } ?? []).filter(\.status.occupiesTables)
        parties = bookings.count
        covers = bookings.reduce(0) { $0 + $1.party }
        let (from, to) = view.span
        var best = (time: from, covers: 0, tables: 0)
        for minute in stride(from: from, to: to, by: 15) {
            let now = bookings.filter { $0.start <= minute && minute < $0.end }
            let seated = now.reduce(0) { $0 + $1.party }
            if seated > best.covers { best = (minute, seated, Set(now.flatMap(\.tables)).count) }
        }
        peakTime = best.time
        peakCovers = best.covers
        peakTables = best.tables
    }

    /// Two lines for people.
    public var text: String {
        guard parties > 0 else { return "no bookings" }
        return "\(parties) parties, \(covers) covers; busiest at \(ClockTime.format(peakTime)): \(peakCovers) covers at \(peakTables) tables"
    }
}

/// The day report: one self-contained HTML file (inline SVG and CSS, no script, no network)
/// with the floor plan at a chosen time (the peak when none is given), the timeline, the
/// capacity figures and the booking list; each section prints on its own landscape page.
///
/// Invariants: pure; all user text (names, notes, ids) escaped.
public enum DayReport {
    public static func html(_ view: DayView, at time: Int? = nil) -> String {
        let floor = view.floor
        let summary = DaySummary(view)
        let moment = time ?? summary.peakTime
        let figures = CapacityFigures(floor: floor, day: view.day)
        let title = "\(floor.layout.name)" + (view.day.map { " — \($0.date) (\($0.weekday.rawValue))" } ?? "")
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Markup.escape(title))</title>
            <style>
            body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
            h1 { font-size: 20px; margin: 0 0 4px 0; } h2 { font-size: 16px; margin: 18px 0 8px 0; }
            section { break-after: page; page-break-after: always; }
            section:last-child { break-after: auto; page-break-after: auto; }
            .picture svg { max-width: 100%; height: auto; }
            table.data { border-collapse: collapse; font-size: 12px; }
            table.data th, table.data td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; }
            table.data td.n { text-align: right; }
            .lead { color: #555; margin: 0 0 12px 0; }
            @page { size: A4 landscape; margin: 12mm; }
            </style></head><body>

            """
        out += "<header><h1>\(Markup.escape(title))</h1><p class=\"lead\">\(Markup.escape(summary.text))</p></header>\n"
        out += "<section id=\"floor\"><h2>Floor at \(ClockTime.format(moment))</h2><div class=\"picture\">\n"
        out += FloorPlan.svg(view, at: moment)
        out += "</div></section>\n<section id=\"timeline\"><h2>Timeline</h2><div class=\"picture\">\n"
        out += Timeline.svg(view, at: time)
        out += "</div></section>\n<section id=\"capacity\"><h2>Capacity</h2>\n<table class=\"data\">"
        out += "<tr><th>seats</th><td class=\"n\">\(figures.seats)</td></tr>"
        out += "<tr><th>largest party, online</th><td class=\"n\">\(figures.largestOnlineParty)</td></tr>"
        out += "<tr><th>largest party, host</th><td class=\"n\">\(figures.largestHostParty)</td></tr>"
        out += "<tr><th>largest party, walk-in</th><td class=\"n\">\(figures.largestWalkInParty)</td></tr>"
        out += "<tr><th>party sizes no table or combination seats</th><td class=\"n\">\(figures.unseatable.isEmpty ? "none" : figures.unseatable.map(String.init).joined(separator: ", "))</td></tr>"
        out += "</table>\n<h2>Services</h2><table class=\"data\"><tr><th>service</th><th>window</th><th>covers booked</th><th>most covers at its turn times</th></tr>"
        for service in figures.services {
            out += "<tr><td>\(Markup.escape(service.name))</td><td>\(ClockTime.format(service.from))–\(ClockTime.format(service.to))</td><td class=\"n\">\(service.bookedCovers)</td><td class=\"n\">\(service.turnCovers)</td></tr>"
        }
        out += "</table>\n"
        if !figures.hours.isEmpty {
            out += "<h2>Seat occupancy by hour</h2><table class=\"data\"><tr>"
            for hour in figures.hours { out += "<th>\(ClockTime.format(hour.hour))</th>" }
            out += "</tr><tr>"
            for hour in figures.hours { out += "<td class=\"n\">\(Int((hour.occupancy * 100).rounded())) %</td>" }
            out += "</tr></table>\n"
        }
        out += "</section>\n<section id=\"bookings\"><h2>Bookings</h2>\n<table class=\"data\"><tr><th>time</th><th>end</th><th>party</th><th>tables</th><th>status</th><th>channel</th><th>guest</th><th>notes</th><th>id</th></tr>"
        let bookings = (view.day.map { Array($0.bookings.values) } ?? []).sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        for booking in bookings {
            out += "<tr><td>\(ClockTime.format(booking.start))</td><td>\(ClockTime.format(booking.end))</td><td class=\"n\">\(booking.party)</td>"
            out += "<td>\(Markup.escape(booking.tables.joined(separator: "+")))</td><td>\(booking.status.rawValue)\(booking.locked ? " (locked)" : "")</td>"
            out += "<td>\(booking.channel.rawValue)</td><td>\(Markup.escape(view.names[booking.id] ?? ""))</td>"
            out += "<td>\(Markup.escape(booking.notes ?? ""))</td><td>\(Markup.escape(booking.id))</td></tr>\n"
        }
        out += "</table></section>\n</body></html>\n"
        return out
    }
}
