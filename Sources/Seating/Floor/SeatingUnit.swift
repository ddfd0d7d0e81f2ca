/// Something a party can be seated at: a single table or a combination of tables.
///
/// Invariants: `members` are indices into the floor's tables, sorted ascending, one for a
/// single table and two or more for a combination; `tableIDs` lists the same tables in the
/// order the layout gives them; `min...max` is the unit's own capacity (a combination's is not
/// the sum of its members'). A combination is reservable only when all its members are.
public struct SeatingUnit: Sendable, Equatable {
    public let id: String
    public let members: [Int]
    public let tableIDs: [String]
    public let min: Int
    public let max: Int
    /// The members' shared area, or nil when they span several areas.
    public let area: String?
    /// Tags of any member (a combination with a window table is "window").
    public let tags: Set<String>
    public let priority: Int
    public let reservable: Bool
    public let isCombination: Bool

    /// Whether a party of `party` covers fits.
    public func fits(_ party: Int) -> Bool { min <= party && party <= max }

    /// How many preferences the unit misses: a wrong area counts one, each missing tag one.
    public func preferenceMisses(area wantedArea: String?, tags wantedTags: [String]) -> Int {
        var misses = 0
        if let wantedArea, wantedArea != area { misses += 1 }
        for tag in wantedTags where !tags.contains(tag) { misses += 1 }
        return misses
    }
}
