import Seating

/// The floor plan as SVG: areas as labelled regions, each table drawn from its drawing data
/// (shape, position, size, rotation) with its id and `min–max`, combinations as dashed links
/// between their members, walk-in-only tables dashed and marked "walk-in", held tables outlined,
/// a legend. Without drawing data (every table at the default), tables are arranged in a tidy
/// grid per area. With a time, each table is coloured by its state then (`DayView.TableState`)
/// and shows the party and guest of the booking that makes it so.
///
/// Invariants: pure (same input, same bytes); every table appears exactly once, as a `<g>` with
/// `id="table-ID"` (escaped) and `data-state`; all user text is escaped.
public enum FloorPlan {
    /// Pixels per floor unit.
    static let scale = 64.0
    static let margin = 24.0

    struct Box {
        var x, y, w, h: Double
        var midX: Double { x + w / 2 }
        var midY: Double { y + h / 2 }
    }

    /// The widest a drawn floor stays as drawn, in floor units (about 1,300 px: a landscape page
    /// or a tablet); wider, its areas wrap into rows (`wrapped`).
    static let pageUnits = 20.0

    /// Members of a combination at most this far apart (centre to centre, floor units) are linked
    /// by a line; further apart, each gets a stub naming the other.
    static let linkedDistance = 2.6

    /// Where each table sits, in floor units.
    static func boxes(_ floor: Floor) -> [Box] {
        let tables = floor.tables
        if tables.contains(where: { $0.drawing != Drawing() }) {
            return wrapped(floor, tables.map { Box(x: $0.drawing.x, y: $0.drawing.y, w: max(0.3, $0.drawing.w), h: max(0.3, $0.drawing.h)) })
        }
        // No drawing data: each area a block of rows, four tables to a row, areas one under another.
        var boxes = Array(repeating: Box(x: 0, y: 0, w: 1, h: 1), count: tables.count)
        var top = 0.0
        for area in areas(floor) {
            let members = tables.indices.filter { tables[$0].area == area }
            for (position, index) in members.enumerated() {
                let size = tables[index].max > 4 ? 1.4 : 1.0
                boxes[index] = Box(x: Double(position % 4) * 1.8, y: top + Double(position / 4) * 1.8, w: size, h: size)
            }
            top += Double((members.count + 3) / 4) * 1.8 + 1.0
        }
        return boxes
    }

    /// A drawing wider than `pageUnits` with its areas moved into rows that fit it, in area order
    /// (each area keeps its own drawing, shifted as a whole; rows one under another, a unit apart):
    /// the hall's areas drawn side by side were 4,541 px wide, its table text a few pixels in a
    /// report. A drawing that fits is kept as drawn.
    static func wrapped(_ floor: Floor, _ boxes: [Box]) -> [Box] {
        let minX = boxes.map(\.x).min() ?? 0, maxX = boxes.map { $0.x + $0.w }.max() ?? 0
        guard maxX - minX > pageUnits else { return boxes }
        var moved = boxes
        var x = 0.0, y = 0.0, rowHeight = 0.0
        for area in areas(floor) {
            let members = floor.tables.indices.filter { floor.tables[$0].area == area }
            let x0 = members.map { boxes[$0].x }.min()!, y0 = members.map { boxes[$0].y }.min()!
            let width = members.map { boxes[$0].x + boxes[$0].w }.max()! - x0
            let height = members.map { boxes[$0].y + boxes[$0].h }.max()! - y0
            if x > 0, x + width > pageUnits {
                x = 0
                y += rowHeight + 1.4
                rowHeight = 0
            }
            for index in members {
                moved[index].x = boxes[index].x - x0 + x
                moved[index].y = boxes[index].y - y0 + y
            }
            x += width + 1.2
            rowHeight = max(rowHeight, height)
        }
        return moved
    }

    /// Areas in the order their first table appears.
    static func areas(_ floor: Floor) -> [String] {
        var seen: [String] = []
        for table in floor.tables where !seen.contains(table.area) { seen.append(table.area) }
        return seen
    }

    public static func svg(_ view: DayView, at time: Int? = nil) -> String {
        let floor = view.floor
        let boxes = boxes(floor)
        let minX = (boxes.map(\.x).min() ?? 0) - 0.6, minY = (boxes.map(\.y).min() ?? 0) - 0.9
        let maxX = (boxes.map { $0.x + $0.w }.max() ?? 1) + 0.6, maxY = (boxes.map { $0.y + $0.h }.max() ?? 1) + 0.6
        func px(_ x: Double) -> String { Markup.number(margin + (x - minX) * scale) }
        func py(_ y: Double) -> String { Markup.number(margin + 24 + (y - minY) * scale) }
        let width = 2 * margin + (maxX - minX) * scale
        let legendRows = 3.0
        let height = 2 * margin + 24 + (maxY - minY) * scale + legendRows * 22 + 12
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Markup.number(width))" height="\(Markup.number(height))" \
            viewBox="0 0 \(Markup.number(width)) \(Markup.number(height))" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <rect x="0" y="0" width="\(Markup.number(width))" height="\(Markup.number(height))" fill="#ffffff"/>

            """
        let title = floor.layout.name + (time.map { " — " + (view.day.map { "\($0.date) " } ?? "") + ClockTime.format($0) } ?? "")
        out += "<text x=\"\(Markup.number(margin))\" y=\"\(Markup.number(margin + 4))\" font-size=\"15\" font-weight=\"bold\">\(Markup.escape(title))</text>\n"

        // Areas: the padded bounding box of their tables.
        for area in areas(floor) {
            let members = floor.tables.indices.filter { floor.tables[$0].area == area }.map { boxes[$0] }
            let x0 = members.map(\.x).min()! - 0.35, y0 = members.map(\.y).min()! - 0.55
            let x1 = members.map { $0.x + $0.w }.max()! + 0.35, y1 = members.map { $0.y + $0.h }.max()! + 0.35
            out += "<g class=\"area\"><rect x=\"\(px(x0))\" y=\"\(py(y0))\" width=\"\(Markup.number((x1 - x0) * scale))\" height=\"\(Markup.number((y1 - y0) * scale))\" rx=\"8\" fill=\"\(Palette.area)\" stroke=\"#d8d2c2\"/>"
            out += "<text x=\"\(Markup.number(margin + (x0 - minX) * scale + 6))\" y=\"\(Markup.number(margin + 24 + (y0 - minY) * scale + 13))\" fill=\"\(Palette.faint)\" font-style=\"italic\">\(Markup.escape(area))</text></g>\n"
        }

        // Combinations: dashed links between neighbouring members; members further apart get a
        // short stub each, pointing at the other and naming it, instead of a diagonal across the
        // floor and its labels.
        for combination in floor.layout.combinations {
            let members = combination.tables.compactMap { id in floor.tableIndex[id].map { (id: id, box: boxes[$0]) } }
            for (a, b) in zip(members, members.dropFirst()) {
                let dx = b.box.midX - a.box.midX, dy = b.box.midY - a.box.midY
                let distance = (dx * dx + dy * dy).squareRoot()
                let attributes = "class=\"combination\" data-combination=\"\(Markup.escape(combination.id))\" stroke=\"#8d6e63\" stroke-width=\"2\" stroke-dasharray=\"4 3\" opacity=\"0.7\""
                if distance <= Self.linkedDistance {
                    out += "<line \(attributes) x1=\"\(px(a.box.midX))\" y1=\"\(py(a.box.midY))\" x2=\"\(px(b.box.midX))\" y2=\"\(py(b.box.midY))\"/>\n"
                    continue
                }
                for (from, to, sign) in [(a, b, 1.0), (b, a, -1.0)] {
                    let ux = sign * dx / distance, uy = sign * dy / distance
                    let reach = max(from.box.w, from.box.h) / 2 + 0.35
                    let endX = from.box.midX + ux * reach, endY = from.box.midY + uy * reach
                    out += "<line \(attributes) x1=\"\(px(from.box.midX))\" y1=\"\(py(from.box.midY))\" x2=\"\(px(endX))\" y2=\"\(py(endY))\"/>"
                    out += "<text class=\"combination-stub\" x=\"\(px(endX + ux * 0.12))\" y=\"\(py(endY + uy * 0.12 + 0.05))\" text-anchor=\"middle\" font-size=\"9\" fill=\"#8d6e63\">+\(Markup.escape(Markup.shortened(to.id, to: 8)))</text>\n"
                }
            }
        }

        // Tables.
        let weekday = view.day?.weekday
        for (index, table) in floor.tables.enumerated() {
            let box = boxes[index]
            let (state, booking) = time.map { view.state(ofTable: index, at: $0) } ?? (.free, nil)
            let heldNow = time.map { floor.isTableHeld(index, on: weekday ?? .fri, from: $0, to: $0 + 1) } ?? false
            let heldEver = floor.layout.holds.contains { hold in
                if case .tables(let ids) = hold.kind { return ids.contains(table.id) }
                return false
            }
            let fill: String
            switch state {
            case .free: fill = Palette.free
            case .bookedLater: fill = Palette.later
            case .expected: fill = Palette.booked
            case .late: fill = Palette.late
            case .seated: fill = Palette.seated
            case .overdue: fill = Palette.overdue
            case .blocked: fill = Palette.blocked
            case .held: fill = Palette.held
            }
            let stroke = heldNow || (time == nil && heldEver) ? "#5e35b1" : Palette.ink
            let dash = table.reservable ? "" : " stroke-dasharray=\"5 3\""
            let rotation = table.drawing.rotation != 0
                ? " transform=\"rotate(\(Markup.number(table.drawing.rotation)) \(px(box.midX)) \(py(box.midY)))\"" : ""
            out += "<g class=\"table\" id=\"table-\(Markup.escape(table.id))\" data-state=\"\(state.rawValue)\"\(rotation)>"
            let common = "fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(heldEver ? 2.5 : 1.5)\"\(dash)"
            switch table.drawing.shape {
            case .round:
                out += "<circle cx=\"\(px(box.midX))\" cy=\"\(py(box.midY))\" r=\"\(Markup.number(min(box.w, box.h) * scale / 2))\" \(common)/>"
            case .oval:
                out += "<ellipse cx=\"\(px(box.midX))\" cy=\"\(py(box.midY))\" rx=\"\(Markup.number(box.w * scale / 2))\" ry=\"\(Markup.number(box.h * scale / 2))\" \(common)/>"
            case .booth:
                out += "<rect x=\"\(px(box.x))\" y=\"\(py(box.y))\" width=\"\(Markup.number(box.w * scale))\" height=\"\(Markup.number(box.h * scale))\" rx=\"12\" \(common)/>"
            case .square, .rect:
                out += "<rect x=\"\(px(box.x))\" y=\"\(py(box.y))\" width=\"\(Markup.number(box.w * scale))\" height=\"\(Markup.number(box.h * scale))\" rx=\"3\" \(common)/>"
            }
            let textColor = state == .blocked ? "#ffffff" : Palette.ink
            out += "<text x=\"\(px(box.midX))\" y=\"\(py(box.midY - 0.06))\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"\(textColor)\">\(Markup.escape(Markup.shortened(table.id, to: 10)))</text>"
            out += "<text x=\"\(px(box.midX))\" y=\"\(py(box.midY + 0.2))\" text-anchor=\"middle\" font-size=\"9\" fill=\"\(textColor)\">\(table.min)–\(table.max)\(table.reservable ? "" : " walk-in")</text>"
            // One label per party: a party on a combination is labelled once, under its first
            // table, with the combination (under every member it read as twice the covers).
            if let booking, state != .blocked, state != .held, state != .free, booking.tables.first == table.id {
                // Later: when it comes; late: since when it is due; seated: when it is due out; overdue: since when.
                let when = switch state {
                case .bookedLater: ClockTime.format(booking.start) + " "
                case .late: "late " + ClockTime.format(booking.start) + " "
                case .seated: "out " + ClockTime.format(booking.end) + " "
                case .overdue: "overdue " + ClockTime.format(booking.end) + " "
                default: ""
                }
                let on = booking.tables.count > 1 ? " (" + booking.tables.joined(separator: "+") + ")" : ""
                out += "<text x=\"\(px(box.midX))\" y=\"\(py(box.y + box.h + 0.18))\" text-anchor=\"middle\" font-size=\"9\" fill=\"\(Palette.ink)\">\(Markup.escape(when + Markup.shortened(view.label(booking), to: 22) + on))</text>"
            }
            out += "<title>\(Markup.escape(table.id)): \(table.min)–\(table.max), \(Markup.escape(table.area)), \(state.rawValue)</title></g>\n"
        }

        // Legend.
        var x = margin, y = height - margin - legendRows * 22 + 10
        let entries: [(String, String, String)] = [
            (Palette.free, Palette.ink, "free"), (Palette.later, Palette.ink, "booked later"), (Palette.booked, Palette.ink, "expected now"),
            (Palette.late, Palette.ink, "late (\(DayView.lateAfterMinutes)+ min)"), (Palette.seated, Palette.ink, "seated (out HH:MM)"),
            (Palette.overdue, Palette.ink, "overdue (past due out)"), (Palette.blocked, Palette.ink, "blocked"),
            (Palette.held, "#5e35b1", "held for walk-ins"), (Palette.free, Palette.ink, "walk-in only (dashed)"),
        ]
        out += "<g class=\"legend\">"
        for (index, entry) in entries.enumerated() {
            if index == 4 || index == 7 { x = margin; y += 22 }
            let dash = entry.2.hasPrefix("walk-in") ? " stroke-dasharray=\"4 2\"" : ""
            out += "<rect x=\"\(Markup.number(x))\" y=\"\(Markup.number(y - 10))\" width=\"14\" height=\"12\" fill=\"\(entry.0)\" stroke=\"\(entry.1)\"\(dash)/>"
            out += "<text x=\"\(Markup.number(x + 19))\" y=\"\(Markup.number(y))\">\(entry.2)</text>"
            x += 34 + Double(entry.2.count) * 6
        }
        out += "<line x1=\"\(Markup.number(x))\" y1=\"\(Markup.number(y - 4))\" x2=\"\(Markup.number(x + 22))\" y2=\"\(Markup.number(y - 4))\" stroke=\"#8d6e63\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
        out += "<text x=\"\(Markup.number(x + 27))\" y=\"\(Markup.number(y))\">combination</text></g>\n"
        out += "</svg>\n"
        return out
    }
}
