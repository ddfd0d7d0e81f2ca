/// Orders identifiers the way people read them: digit runs compare as numbers ("T9" < "T10").
///
/// Invariant: a strict total order; ties on the natural reading fall back to byte order, so
/// distinct strings never compare equal.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                var iEnd = i, jEnd = j
                while iEnd < x.count, isDigit(x[iEnd]) { iEnd += 1 }
                while jEnd < y.count, isDigit(y[jEnd]) { jEnd += 1 }
                // Compare numerically without overflow: strip leading zeros, then length, then bytes.
                let xs = x[i..<iEnd].drop { $0 == 0x30 }, ys = y[j..<jEnd].drop { $0 == 0x30 }
                if xs.count != ys.count { return xs.count < ys.count }
                if !xs.elementsEqual(ys) { return xs.lexicographicallyPrecedes(ys) }
                i = iEnd
                j = jEnd
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
            }
        }
        if (x.count - i) != (y.count - j) { return (x.count - i) < (y.count - j) }
        return a < b
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
