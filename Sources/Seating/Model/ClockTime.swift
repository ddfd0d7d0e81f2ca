/// Minutes since midnight at the start of a service day, written `HH:MM`.
///
/// Invariants: `0 <= minutes < 48 * 60`; hours past 23 belong to the same service day
/// (`24:30` is half past midnight of the night that follows the service date).
///
/// ```swift
/// ClockTime.parse("19:30")   // 1170
/// ClockTime.parse("24:30")   // 1470
/// ClockTime.format(1170)     // "19:30"
/// ```
public enum ClockTime {
    /// The first minute that is no longer a valid time of a service day (48:00).
    public static let limit = 48 * 60

    /// Parses `H:MM` or `HH:MM` with hours 0...47 and minutes 00...59.
    public static func parse(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 4 || bytes.count == 5 else { return nil }
        let colon = bytes.count - 3
        guard bytes[colon] == UInt8(ascii: ":") else { return nil }
        var hours = 0
        for byte in bytes[..<colon] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            hours = hours * 10 + Int(byte - 0x30)
        }
        let tens = bytes[colon + 1], ones = bytes[colon + 2]
        guard tens >= 0x30, tens <= 0x35, ones >= 0x30, ones <= 0x39 else { return nil }
        let minutes = Int(tens - 0x30) * 10 + Int(ones - 0x30)
        let total = hours * 60 + minutes
        return total < limit ? total : nil
    }

    /// Formats minutes as `HH:MM` (hours may exceed 23, never wrap).
    public static func format(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }
}
