import Seating

/// The day timeline as SVG, the view hosts live in: a legend; one row per table, grouped by area
/// and labelled with `min–max`; time across the services that have bookings; one tile per
/// booking (cancelled ones left out) with party size and guest name, coloured by status, locked
/// bookings with a heavy border; table holds and blocks shaded; an overrun (a party still at the
/// table when the next one is due there) marked in red over the minutes both claim; with a time,
/// a "now" line, late parties (booked, not seated `DayView.lateAfterMinutes` after their time)
/// outlined in amber and overdue ones (seated past their due-out time) in red; a row per pacing
/// interval with covers booked against the limit (over the limit in red); a row of seats in use
/// against seats available per half hour.
///
/// Invariants: pure; a booking on a combination has one tile per member table, each a `<g>`
/// with `class="booking"`, `data-booking` (its id, escaped), `data-status` and, with a time,
/// `data-state` when late or overdue; all user text is escaped; no text is smaller than 10 px.
public enum Timeline {
    static let rowHeight = 22.0
    static let labelWidth = 120.0
    static let minuteWidth = 2.0
    static let top = 58.0

    public static func svg(_ view: DayView, at now: Int? = nil) -> String {
        let floor = view.floor
        let (from, to) = view.span
        let areas = FloorPlan.areas(floor)
        var rows: [(kind: String, text: String, table: Int?)] = []
        for area in areas {
            rows.append(("area", area, nil))
            for index in floor.tables.indices where floor.tables[index].area == area {
                rows.append(("table", floor.tables[index].id, index))
            }
        }
        let pacedServices = floor.layout.services.enumerated().filter { _, service in
            service.pacing != nil && (view.day.map { service.runs(on: $0.weekday) } ?? true)
        }
        let extraRows = Double(pacedServices.count) + 1
        func x(_ minute: Int) -> Double { labelWidth + Double(minute - from) * minuteWidth }
        let width = x(to) + 44   // room for the last hour's label
        let height = top + Double(rows.count) * rowHeight + extraRows * rowHeight + 30
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Markup.number(width))" height="\(Markup.number(height))" \
            viewBox="0 0 \(Markup.number(width)) \(Markup.number(height))" font-family="Helvetica, Arial, sans-serif" font-size="10">
            <rect x="0" y="0" width="\(Markup.number(width))" height="\(Markup.number(height))" fill="#ffffff"/>

            """
        let title = floor.layout.name + (view.day.map { " — \($0.date) (\($0.weekday.rawValue))" } ?? "")
        out += "<text x=\"8\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(Markup.escape(title))</text>\n"
        out += legend(from: 8)
        // Hour lines and labels.
        for minute in stride(from: from, through: to, by: 60) {
            out += "<line x1=\"\(Markup.number(x(minute)))\" y1=\"\(Markup.number(top - 6))\" x2=\"\(Markup.number(x(minute)))\" y2=\"\(Markup.number(height - 24))\" stroke=\"#e0e0e0\"/>"
            out += "<text x=\"\(Markup.number(x(minute) + 2))\" y=\"\(Markup.number(top - 10))\" fill=\"\(Palette.faint)\">\(ClockTime.format(minute))</text>\n"
        }
        let weekday = view.day?.weekday
        for (rowIndex, row) in rows.enumerated() {
            let y = top + Double(rowIndex) * rowHeight
            guard let table = row.table else {
                out += "<text x=\"4\" y=\"\(Markup.number(y + 15))\" font-style=\"italic\" fill=\"\(Palette.faint)\">\(Markup.escape(row.text))</text>\n"
                continue
            }
            let info = floor.tables[table]
            out += "<g class=\"row\" data-table=\"\(Markup.escape(info.id))\">"
            out += "<rect x=\"\(Markup.number(labelWidth))\" y=\"\(Markup.number(y))\" width=\"\(Markup.number(x(to) - labelWidth))\" height=\"\(Markup.number(rowHeight))\" fill=\"\(rowIndex % 2 == 0 ? "#fafafa" : "#ffffff")\"/>"
            out += "<text x=\"10\" y=\"\(Markup.number(y + 15))\"><tspan font-weight=\"bold\">\(Markup.escape(Markup.shortened(info.id, to: 12)))</tspan> \(info.min)–\(info.max)\(info.reservable ? "" : " w/i")</text>"
            // Table holds on this weekday.
            for hold in floor.layout.holds where weekday.map(hold.applies(on:)) ?? true {
                guard case .tables(let ids) = hold.kind, ids.contains(info.id) else { continue }
                let a = max(from, hold.from), b = min(to, hold.to)
                guard a < b else { continue }
                out += "<rect class=\"hold\" x=\"\(Markup.number(x(a)))\" y=\"\(Markup.number(y + 1))\" width=\"\(Markup.number(Double(b - a) * minuteWidth))\" height=\"\(Markup.number(rowHeight - 2))\" fill=\"\(Palette.held)\" opacity=\"0.35\"><title>held: \(Markup.escape(hold.name))</title></rect>"
            }
            // Blocks of the day.
            for span in view.day?.blocks[table] ?? [] {
                let a = max(from, span.start), b = min(to, span.end)
                guard a < b else { continue }
                out += "<rect class=\"block\" x=\"\(Markup.number(x(a)))\" y=\"\(Markup.number(y + 1))\" width=\"\(Markup.number(Double(b - a) * minuteWidth))\" height=\"\(Markup.number(rowHeight - 2))\" fill=\"\(Palette.blocked)\" opacity=\"0.45\"><title>blocked</title></rect>"
            }
            out += "</g>\n"
        }
        // Booking tiles.
        let bookings = (view.day.map { Array($0.bookings.values) } ?? []).filter { $0.status != .cancelled }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let rowOfTable = Dictionary(uniqueKeysWithValues: rows.enumerated().compactMap { index, row in row.table.map { ($0, index) } })
        for booking in bookings {
            for id in booking.tables {
                guard let table = floor.tableIndex[id], let rowIndex = rowOfTable[table] else { continue }
                let y = top + Double(rowIndex) * rowHeight
                let a = max(from, booking.start), b = min(to, booking.end)
                let fill: String
                switch booking.status {
                case .booked: fill = Palette.booked
                case .seated: fill = Palette.seated
                case .finished: fill = Palette.finished
                case .noShow: fill = Palette.noShow
                case .cancelled: fill = Palette.cancelled
                }
                let w = max(2, Double(b - a) * minuteWidth)
                let flag = now.flatMap { flagged(booking, at: $0) }
                let stroke = flag == .late ? Palette.lateStroke : flag == .overdue ? Palette.over : booking.locked ? Palette.ink : "#5f7f9f"
                let strokeWidth = flag != nil ? "2.5" : booking.locked ? "2" : "0.8"
                out += "<g class=\"booking\" data-booking=\"\(Markup.escape(booking.id))\" data-status=\"\(booking.status.rawValue)\"\(flag.map { " data-state=\"\($0.rawValue)\"" } ?? "")>"
                out += "<rect x=\"\(Markup.number(x(a)))\" y=\"\(Markup.number(y + 3))\" width=\"\(Markup.number(w))\" height=\"\(Markup.number(rowHeight - 6))\" rx=\"3\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(strokeWidth)\"\(flag == .late ? " stroke-dasharray=\"4 2\"" : "")/>"
                let characters = Int(w / 5.5)
                if characters >= 1 {
                    out += "<text x=\"\(Markup.number(x(a) + 3))\" y=\"\(Markup.number(y + 15))\">\(Markup.escape(Markup.shortened(view.label(booking), to: characters)))</text>"
                }
                out += "<title>\(Markup.escape(booking.id)) \(ClockTime.format(booking.start))–\(ClockTime.format(booking.end)), party \(booking.party), \(booking.status.rawValue)\(flag.map { ", " + $0.rawValue } ?? "")\(booking.locked ? ", locked" : "")\(view.names[booking.id].map { ", " + Markup.escape($0) } ?? "")</title></g>\n"
            }
        }
        // Overruns: minutes two active bookings claim on one table (a seated party staying on).
        for (table, rowIndex) in rowOfTable.sorted(by: { $0.value < $1.value }) {
            let id = floor.tables[table].id
            let onTable = bookings.filter { $0.status.occupiesTables && $0.tables.contains(id) }
            for (first, second) in zip(onTable, onTable.dropFirst()) where first.end > second.start {
                let a = max(from, second.start), b = min(to, first.end)
                guard a < b else { continue }
                let y = top + Double(rowIndex) * rowHeight
                out += "<rect class=\"overrun\" x=\"\(Markup.number(x(a)))\" y=\"\(Markup.number(y + 1))\" width=\"\(Markup.number(Double(b - a) * minuteWidth))\" height=\"\(Markup.number(rowHeight - 2))\" fill=\"none\" stroke=\"\(Palette.over)\" stroke-width=\"2\"><title>overrun: \(Markup.escape(first.id)) until \(ClockTime.format(first.end)), \(Markup.escape(second.id)) due \(ClockTime.format(second.start))</title></rect>\n"
            }
        }
        // Now.
        if let now, from <= now, now <= to {
            let bottom = top + Double(rows.count) * rowHeight
            out += "<line class=\"now\" x1=\"\(Markup.number(x(now)))\" y1=\"\(Markup.number(top - 6))\" x2=\"\(Markup.number(x(now)))\" y2=\"\(Markup.number(bottom))\" stroke=\"\(Palette.over)\" stroke-width=\"2\"/>"
            out += "<text x=\"\(Markup.number(x(now) + 3))\" y=\"\(Markup.number(bottom + 12))\" fill=\"\(Palette.over)\" font-weight=\"bold\">now \(ClockTime.format(now))</text>\n"
        }
        // Pacing rows: covers booked per interval against the limit.
        var y = top + Double(rows.count) * rowHeight + 6
        for (serviceIndex, service) in pacedServices {
            guard let pacing = service.pacing else { continue }
            out += "<text x=\"4\" y=\"\(Markup.number(y + 14))\">pacing \(Markup.escape(Markup.shortened(service.name, to: 10)))</text>"
            let interval = max(1, pacing.intervalMinutes)
            for (index, start) in stride(from: service.first, through: service.last, by: interval).enumerated() {
                let bucket = Floor.PacingBucket(service: serviceIndex, index: index)
                let count = view.day.map { (covers: $0.pacingCount(bucket).covers, parties: $0.pacingCount(bucket).parties) } ?? (covers: 0, parties: 0)
                let limit = pacing.maxCovers.map { "/\($0)" } ?? ""
                let over = pacing.maxCovers.map { count.covers > $0 } ?? false
                    || pacing.maxParties.map { count.parties > $0 } ?? false
                out += "<text class=\"pacing\" x=\"\(Markup.number(x(start) + 1))\" y=\"\(Markup.number(y + 14))\" fill=\"\(over ? Palette.over : Palette.ink)\"\(over ? " font-weight=\"bold\"" : "")>\(count.covers)\(limit)</text>"
            }
            out += "\n"
            y += rowHeight
        }
        // Seats in use against seats available, per 15 minutes.
        out += "<text x=\"4\" y=\"\(Markup.number(y + 14))\">seats used</text>"
        if let day = view.day {
            for minute in stride(from: from, to: to, by: 30) {
                var used = 0, available = 0
                for (index, table) in floor.tables.enumerated() {
                    if day.blocks[index].contains(where: { $0.start <= minute && minute < $0.end }) { continue }
                    available += table.max
                    if day.occupancy[index].contains(where: { $0.start <= minute && minute < $0.end }) { used += table.max }
                }
                let share = available > 0 ? Double(used) / Double(available) : 0
                out += "<rect x=\"\(Markup.number(x(minute)))\" y=\"\(Markup.number(y + 2))\" width=\"\(Markup.number(30 * minuteWidth - 1))\" height=\"\(Markup.number(rowHeight - 4))\" fill=\"\(Palette.seated)\" opacity=\"\(Markup.number(0.1 + 0.8 * share))\"/>"
                out += "<text x=\"\(Markup.number(x(minute) + 2))\" y=\"\(Markup.number(y + 14))\">\(used)/\(available)</text>"
            }
        }
        out += "\n</svg>\n"
        return out
    }

    /// Late or overdue at `now`: what a host must act on (`DayView.TableState`).
    static func flagged(_ booking: Booking, at now: Int) -> DayView.TableState? {
        if booking.status == .booked, now - booking.start >= DayView.lateAfterMinutes, now < booking.end { return .late }
        if booking.status == .seated, booking.end <= now { return .overdue }
        return nil
    }

    /// The legend, one line from `x`: tile colours by status, then the marks.
    static func legend(from start: Double) -> String {
        var x = start
        var out = "<g class=\"legend\">"
        let swatches: [(String, String, String)] = [
            (Palette.booked, "#5f7f9f", "booked"), (Palette.seated, "#5f7f9f", "seated"), (Palette.finished, "#5f7f9f", "finished"),
            (Palette.noShow, "#5f7f9f", "no-show"), (Palette.held, Palette.held, "held"), (Palette.blocked, Palette.blocked, "blocked"),
            (Palette.booked, Palette.lateStroke, "late"), (Palette.seated, Palette.over, "overdue"), ("none", Palette.over, "overrun"),
            ("#ffffff", Palette.ink, "locked"),
        ]
        for (fill, stroke, name) in swatches {
            let width = ["locked", "late", "overdue", "overrun"].contains(name) ? "2" : "0.8"
            out += "<rect x=\"\(Markup.number(x))\" y=\"23\" width=\"14\" height=\"11\" rx=\"2\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"\(name == "late" ? " stroke-dasharray=\"4 2\"" : "")/>"
            out += "<text x=\"\(Markup.number(x + 18))\" y=\"33\">\(name)</text>"
            x += 26 + Double(name.count) * 6
        }
        out += "<line x1=\"\(Markup.number(x))\" y1=\"22\" x2=\"\(Markup.number(x))\" y2=\"35\" stroke=\"\(Palette.over)\" stroke-width=\"2\"/>"
        out += "<text x=\"\(Markup.number(x + 5))\" y=\"33\">now</text></g>\n"
        return out
    }
}
