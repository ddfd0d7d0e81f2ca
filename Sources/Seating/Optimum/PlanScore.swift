/// How the offline optimum ranks two plans of one day: more covers, then fewer wasted seats
/// (seats of a table beyond its party). The one comparison the packing's local search, the
/// choice among verified candidates and the rounding share.
struct PlanScore: Comparable, Sendable {
    var covers: Int
    var waste: Int

    static func < (lhs: PlanScore, rhs: PlanScore) -> Bool {
        (lhs.covers, -lhs.waste) < (rhs.covers, -rhs.waste)
    }
}
