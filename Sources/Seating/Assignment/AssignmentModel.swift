import MILP

/// The integer program behind reshuffle and repack: put each item (a booking, or a new party) on
/// exactly one of its eligible units so that no table holds two items at once.
///
/// Variables `x[i][u]` (binary) for each item `i` and eligible unit `u`. Rows: every item takes one
/// unit; every table is used at most once at every instant where an item's interval starts
/// (exact for intervals), written as an occupancy flow (`LinearModel.addIntervalCapacity`). The
/// objective is each item's cost on each unit (`cost(item, unit)`), minimised.
///
/// ```swift
/// let model = AssignmentModel(floor: floor, items: items) { item, unit in
///     (unit == item.current ? 0 : 1_000) + Double(floor.units[unit].max - item.party)
/// }
/// let assignment = model.solve(timeLimitMilliseconds: 50)   // unit per item, or nil
/// ```
public struct AssignmentModel: Sendable {
    /// One thing to seat.
    public struct Item: Sendable, Equatable {
        public var booking: String?
        public var party: Int
        public var start: Int
        /// End of the occupied interval (buffer included).
        public var end: Int
        public var eligible: [Int]
        public var current: Int?
        /// Whose rules bind the item: count-hold rows (`countHolds`) bind online items that move.
        public var channel: Booking.Channel = .online
    }

    public let items: [Item]
    public private(set) var linear: LinearModel
    private var variables: [[(unit: Int, variable: LinearModel.Variable)]] = []
    /// Per item: the variable's unit that stands for its current tables (its pool's representative).
    private var home: [Int?] = []

    /// `optional`: an item may also stay unseated (its row is `<= 1` instead of `= 1`).
    /// `pools`: interchangeable tables (`TablePools`) become one variable per item and pool (its
    /// representative unit) and one capacity row per pool; the solution then names
    /// representatives, to be given tables by `TablePools.assign`. Nil: one variable per unit.
    /// `countHolds`: the day's fixed bookings (everything not an item), to write the count holds
    /// as rows (`addCountHolds`); nil leaves count holds out.
    init(floor: Floor, items: [Item], optional: Bool = false, pools: TablePools?, countHolds fixed: DayState? = nil,
         cost: (Item, Int) -> Double) {
        self.items = items
        var model = LinearModel(sense: .minimize)
        for (index, item) in items.enumerated() {
            var row: [(unit: Int, variable: LinearModel.Variable)] = []
            for unit in pools?.representatives(item.eligible) ?? item.eligible {
                row.append((unit, model.addVariable(name: "x_\(index)_\(Self.name(floor.units[unit].id))",
                                                    kind: .binary, objective: cost(item, unit))))
            }
            variables.append(row)
            model.addRow(name: "one_\(index)", row.map { ($0.variable, 1.0) }, lower: optional ? nil : 1, upper: 1)
        }
        // Capacity: per pool (its size) and per table not pooled (one), at every instant.
        let resourceCount = pools?.resourceCount ?? floor.tables.count
        var uses = Array(repeating: [LinearModel.IntervalUse](), count: resourceCount)
        for (index, row) in variables.enumerated() {
            for entry in row {
                for resource in pools?.resources(of: entry.unit) ?? floor.units[entry.unit].members {
                    uses[resource].append(LinearModel.IntervalUse(variable: entry.variable, start: items[index].start, end: items[index].end))
                }
            }
        }
        for resource in 0..<resourceCount {
            model.addIntervalCapacity(name: pools.map { resource < $0.pools.count ? "pool\(resource)" : "table\(resource - $0.pools.count)" }
                                          ?? "table\(resource)",
                                      uses: uses[resource], capacity: Double(pools?.capacity(resource) ?? 1))
        }
        linear = model
        home = items.map { item in item.current.map { pools?.representative($0) ?? $0 } }
        if let fixed { addCountHolds(floor: floor, fixed: fixed) }
    }

    /// One variable per item and unit (see the designated initialiser).
    public init(floor: Floor, items: [Item], optional: Bool = false, countHolds fixed: DayState? = nil,
                cost: (Item, Int) -> Double) {
        self.init(floor: floor, items: items, optional: optional, pools: nil, countHolds: fixed, cost: cost)
    }

    /// Count holds as rows, exact for the rule `UnitRules` applies: an online party that takes a
    /// matching table may not leave fewer than `count` matching tables free of reservations (and
    /// blocks) at any minute of the hold's window. Checked where the count can drop: the window's
    /// start and every start inside it. At such an instant `t`, binary `y` is 1 when an online
    /// item that moves (or the new party) sits on a matching table covering `t`; then the matching
    /// tables taken by reservations (items' units, counted per member, plus fixed ones) are at most
    /// `|M| - count`, else the row is slack:
    /// `sum(k_u x_iu) + B y <= |M| - count - fixedTaken(t) + B`, and `x_iu <= y` per trigger, where
    /// `B = max(|M|, count)` (a hold may ask for more tables than it matches: then no online party
    /// may take them, while hosts still may).
    mutating func addCountHolds(floor: Floor, fixed: DayState) {
        for (holdIndex, hold) in floor.countHolds(on: fixed.weekday).enumerated() {
            let size = hold.tables.count
            var instants = HoldRules.dropInstants(hold, day: fixed, from: hold.from, to: hold.to)
            for item in items where item.start > hold.from && item.start < hold.to { instants.insert(item.start) }
            for instant in instants.sorted() {
                var terms: [(LinearModel.Variable, Double)] = []
                var triggers: [[LinearModel.Variable]] = []
                for (index, item) in items.enumerated() where item.start <= instant && instant < item.end {
                    var itemTriggers: [LinearModel.Variable] = []
                    for entry in variables[index] {
                        let taken = HoldRules.tablesTaken(hold, floor: floor, unit: entry.unit, channel: item.channel)
                        guard taken > 0 else { continue }
                        terms.append((entry.variable, Double(taken)))
                        if item.channel == .online, entry.unit != home[index] { itemTriggers.append(entry.variable) }
                    }
                    if !itemTriggers.isEmpty { triggers.append(itemTriggers) }
                }
                guard !triggers.isEmpty else { continue }
                let fixedTaken = HoldRules.taken(hold, day: fixed, at: instant)
                let online = linear.addVariable(name: "hold\(holdIndex)_t\(instant)", kind: .binary, objective: 0)
                for (number, group) in triggers.enumerated() {
                    linear.addRow(name: "hold\(holdIndex)_t\(instant)_on\(number)", group.map { ($0, 1.0) } + [(online, -1.0)],
                                  lower: nil, upper: 0)
                }
                // Slack when `y` is 0 even if the hold asks for more tables than it matches.
                let slack = max(size, hold.count)
                linear.addRow(name: "hold\(holdIndex)_t\(instant)", terms + [(online, Double(slack))], lower: nil,
                              upper: Double(size - hold.count - fixedTaken + slack))
            }
        }
    }

    /// A table or combination id as a solver-friendly name: letters and digits kept, the rest `_`.
    static func name(_ id: String) -> String {
        String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// The unit chosen for each item, and whether the solver proved it optimal; nil when no
    /// solution was found in time (or the model was rejected).
    /// `start`: a feasible unit per item handed to branch-and-bound as its first solution.
    public func solve(timeLimitMilliseconds: Int, relativeGap: Double = 0, start: [Int]? = nil,
                      simplex: SolveOptions.Simplex = .primal) -> (units: [Int], optimal: Bool, solution: Solution)? {
        guard let (units, solution) = solveOptional(timeLimitMilliseconds: timeLimitMilliseconds, relativeGap: relativeGap,
                                                    start: start, simplex: simplex),
              units.allSatisfy({ $0 != nil }) else { return nil }
        return (units.map { $0! }, solution.status == .optimal, solution)
    }

    /// As `solve`, for models built `optional`: nil for an item left unseated.
    public func solveOptional(timeLimitMilliseconds: Int, relativeGap: Double = 0, start: [Int?]? = nil,
                              simplex: SolveOptions.Simplex = .primal) -> (units: [Int?], solution: Solution)? {
        let options = SolveOptions(timeLimitMilliseconds: max(1, timeLimitMilliseconds), relativeGap: relativeGap,
                                   initialSolution: start.map(values(for:)), simplex: simplex)
        guard let solution = try? MILPSolver().solve(linear, options: options), solution.hasSolution else { return nil }
        return (variables.map { row in row.first(where: { solution.value($0.variable) > 0.5 })?.unit }, solution)
    }

    /// Per item, its variables' values in `solution`, by unit (a pool's by its representative).
    func unitValues(_ solution: Solution) -> [[Int: Double]] {
        variables.map { row in Dictionary(row.map { ($0.unit, solution.value($0.variable)) }, uniquingKeysWith: max) }
    }

    /// The model's column values for a unit per item (nil: unseated), occupancies filled in.
    public func values(for units: [Int?]) -> [Double] {
        var values = Array(repeating: 0.0, count: linear.columns.count)
        for (row, unit) in zip(variables, units) {
            if let entry = row.first(where: { $0.unit == unit }) { values[entry.variable.index] = 1 }
        }
        return linear.withOccupancies(values)
    }

    /// Units that could take a party over `[from, to)` with only `fixed` in place, by `UnitRules`
    /// with the count holds left to the model's rows; `current` always qualifies. In greedy's static
    /// rank order (`Floor.candidates`), `current` last when the rules alone would not allow it.
    public static func eligibleUnits(
        floor: Floor, fixed: DayState, party: Int, from: Int, to: Int, channel: Booking.Channel, current: Int?
    ) -> [Int] {
        var units: [Int] = []
        for group in floor.candidates(for: party) {
            for unit in group.units where unit == current || UnitRules.verdict(
                floor: floor, day: fixed, unit: unit, party: party, from: from, to: to, channel: channel, holds: .tableHoldsOnly
            ) == .allowed {
                units.append(unit)
            }
        }
        if let current, !units.contains(current) { units.append(current) }
        return units
    }
}

extension AssignmentModel.Item {
    /// A stored booking of `day` as an item that may move: its occupied interval, its current unit,
    /// and the units it could take with only `fixed` in place.
    init(booking: Booking, floor: Floor, day: DayState, fixed: DayState) {
        let current = floor.unit(forTables: booking.tables)
        let span = day.occupiedSpan(of: booking) ?? (booking.start, booking.end + day.buffer)
        self.init(booking: booking.id, party: booking.party, start: span.start, end: span.end,
                  eligible: AssignmentModel.eligibleUnits(floor: floor, fixed: fixed, party: booking.party, from: span.start,
                                                          to: span.end, channel: booking.channel, current: current),
                  current: current, channel: booking.channel)
    }
}
