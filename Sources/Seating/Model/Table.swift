/// One physical table of a floor.
///
/// Invariants (checked by `LayoutValidator`): `id` is unique in its layout and non-empty;
/// `1 <= min <= max`. A table with `reservable == false` takes walk-ins (and host bookings)
/// only. Lower `priority` is offered first among otherwise equal tables.
public struct Table: Sendable, Equatable, Codable {
    public var id: String
    public var min: Int
    public var max: Int
    public var area: String
    public var tags: [String]
    public var reservable: Bool
    public var priority: Int
    public var drawing: Drawing

    public init(id: String, min: Int = 1, max: Int, area: String = "main", tags: [String] = [],
                reservable: Bool = true, priority: Int = 0, drawing: Drawing = Drawing()) {
        self.id = id
        self.min = min
        self.max = max
        self.area = area
        self.tags = tags
        self.reservable = reservable
        self.priority = priority
        self.drawing = drawing
    }
}

/// Where and how a table is drawn on the floor plan, in floor units.
public struct Drawing: Sendable, Equatable, Codable {
    public enum Shape: String, Sendable, CaseIterable, Codable { case square, rect, round, oval, booth }

    public var shape: Shape
    public var x: Double
    public var y: Double
    public var w: Double
    public var h: Double
    public var rotation: Double

    public init(shape: Shape = .square, x: Double = 0, y: Double = 0, w: Double = 1, h: Double = 1, rotation: Double = 0) {
        self.shape = shape
        self.x = x
        self.y = y
        self.w = w
        self.h = h
        self.rotation = rotation
    }
}

/// An explicit set of tables that can be pushed together, seating its own `min...max`.
///
/// Invariants: at least two distinct, existing tables; `1 <= min <= max`. A booking on a
/// combination occupies every member; the members stay bookable alone.
public struct Combination: Sendable, Equatable, Codable {
    public var id: String
    public var tables: [String]
    public var min: Int
    public var max: Int
    /// Offer order among equal candidates; defaults to the highest member priority.
    public var priority: Int?

    public init(id: String, tables: [String], min: Int = 1, max: Int, priority: Int? = nil) {
        self.id = id
        self.tables = tables
        self.min = min
        self.max = max
        self.priority = priority
    }
}
