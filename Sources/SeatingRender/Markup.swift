/// Text for SVG and HTML: escaping of everything that came from users (ids, names, notes) and
/// compact, locale-free numbers.
///
/// Invariant: every piece of user text that reaches markup goes through `escape`.
enum Markup {
    /// `&`, `<`, `>`, `"` and `'` as entities, and control characters other than tab and
    /// newline dropped (XML 1.0 cannot carry them).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal, no exponent.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : String(Double(tenths) / 10)
    }

    /// Text shortened to `limit` characters with an ellipsis.
    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
}

/// Colours by meaning, shared by the floor plan, the timeline and the report's legend.
enum Palette {
    static let free = "#ffffff"
    static let booked = "#9cc3e6"
    static let seated = "#f2a65a"
    static let late = "#ffd54f"
    static let lateStroke = "#f9a825"
    static let overdue = "#ef5350"
    static let finished = "#c9c9c9"
    static let noShow = "#e57373"
    static let cancelled = "#eeeeee"
    static let blocked = "#7f7f7f"
    static let held = "#b39ddb"
    static let later = "#dcebf7"
    static let area = "#f6f4ee"
    static let ink = "#222222"
    static let faint = "#888888"
    static let over = "#d32f2f"
}
