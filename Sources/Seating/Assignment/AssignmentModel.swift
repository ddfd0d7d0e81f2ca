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
    }

    public let items: [Item]
    public private(set) var linear: LinearModel
    private var variables: [[(unit: Int, variable: LinearModel.Variable)]] = []

    /// `optional`: an item may also stay unseated (its row is `<= 1` instead of `= 1`).
    public init(floor: Floor, items: [Item], optional: Bool = false, cost: (Item, Int) -> Double) {
        self.items = items
        var model = LinearModel(sense: .minimize)
        for (index, item) in items.enumerated() {
            var row: [(unit: Int, variable: LinearModel.Variable)] = []
            for unit in item.eligible {
                row.append((unit, model.addVariable(name: "x_\(index)_\(Self.name(floor.units[unit].id))",
                                                    kind: .binary, objective: cost(item, unit))))
            }
            variables.append(row)
            model.addRow(name: "one_\(index)", row.map { ($0.variable, 1.0) }, lower: optional ? nil : 1, upper: 1)
        }
        for table in 0..<floor.tables.count {
            var uses: [LinearModel.IntervalUse] = []
            for (index, row) in variables.enumerated() {
                for entry in row where floor.units[entry.unit].members.contains(table) {
                    uses.append(LinearModel.IntervalUse(variable: entry.variable, start: items[index].start, end: items[index].end))
                }
            }
            model.addIntervalCapacity(name: "table\(table)", uses: uses, capacity: 1)
        }
        linear = model
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

    /// The model's column values for a unit per item (nil: unseated), occupancies filled in.
    public func values(for units: [Int?]) -> [Double] {
        var values = Array(repeating: 0.0, count: linear.columns.count)
        for (row, unit) in zip(variables, units) {
            if let entry = row.first(where: { $0.unit == unit }) { values[entry.variable.index] = 1 }
        }
        return linear.withOccupancies(values)
    }

    /// Units that could take a party over `[from, to)` with only `fixed` in place: fit, allowed
    /// to the channel, free and unblocked, not kept by a table hold (walk-ins aside); `current`
    /// always qualifies when it is free.
    public static func eligibleUnits(
        floor: Floor, fixed: DayState, party: Int, from: Int, to: Int, channel: Booking.Channel, current: Int?
    ) -> [Int] {
        var units: [Int] = []
        for group in floor.candidates(for: party) {
            for unit in group.units {
                let members = floor.units[unit].members
                let isCurrent = unit == current
                guard SlotEvaluator.channelAllows(floor: floor, unit: unit, channel: channel) || isCurrent,
                      members.allSatisfy({ fixed.isFree(table: $0, from: from, to: to) && !fixed.isBlocked(table: $0, from: from, to: to) }),
                      channel == .walkIn || isCurrent
                          || !members.contains(where: { floor.isTableHeld($0, on: fixed.weekday, from: from, to: to) })
                else { continue }
                units.append(unit)
            }
        }
        if let current, !units.contains(current) { units.append(current) }
        return units
    }
}
