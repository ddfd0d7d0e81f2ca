extension LinearModel {
    /// One variable's use of a shared resource over the half-open interval `[start, end)`.
    public struct IntervalUse: Sendable {
        public var variable: Variable
        public var start: Int
        public var end: Int

        public init(variable: Variable, start: Int, end: Int) {
            self.variable = variable
            self.start = start
            self.end = end
        }
    }

    /// Completes `values` (one per column, the others set) with the occupancy columns their flow
    /// rows imply, so that a plan known by its use variables can be handed to a solver.
    public func withOccupancies(_ values: [Double]) -> [Double] {
        var values = values
        for occupancy in occupancies {
            let row = rows[occupancy.row]
            values[occupancy.variable.index] = -row.terms.reduce(0.0) {
                $1.variable == occupancy.variable ? $0 : $0 + $1.coefficient * values[$1.variable.index]
            }
        }
        return values
    }

    /// Limits a resource: at every instant, the uses covering it sum to at most `capacity`.
    ///
    /// Written as an occupancy flow over the distinct starts `t_1 < t_2 < ...` (occupancy only
    /// rises at a start, so checking there is exact): a continuous `occ_i` in `0...capacity` and
    /// a row `occ_i - occ_{i-1} - (uses starting at t_i) + (uses ending in (t_{i-1}, t_i]) = 0`.
    /// Each use appears in at most two rows, instead of one row per start it covers. Adds nothing
    /// when the uses' upper bounds cannot sum past `capacity`. Columns are named
    /// `<name>_occ_<t>`, rows `<name>_at_<t>`.
    public mutating func addIntervalCapacity(name: String, uses: [IntervalUse], capacity: Double) {
        let most = uses.reduce(0.0) { $0 + (columns[$1.variable.index].upper ?? .infinity) }
        guard most > capacity else { return }
        let starts = Array(Set(uses.map(\.start))).sorted()
        var startingAt: [Int: [Variable]] = [:]
        var endingBy: [Int: [Variable]] = [:]   // keyed by the first start at or after the end
        for use in uses {
            startingAt[use.start, default: []].append(use.variable)
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] < use.end { low = middle + 1 } else { high = middle }
            }
            if low < starts.count { endingBy[starts[low], default: []].append(use.variable) }
        }
        var previous: Variable?
        for instant in starts {
            let occupancy = addVariable(name: "\(name)_occ_\(instant)", kind: .continuous, lower: 0, upper: capacity)
            var terms: [(Variable, Double)] = [(occupancy, 1)]
            if let previous { terms.append((previous, -1)) }
            for variable in startingAt[instant] ?? [] { terms.append((variable, -1)) }
            for variable in endingBy[instant] ?? [] { terms.append((variable, 1)) }
            addRow(name: "\(name)_at_\(instant)", terms, lower: 0, upper: 0)
            occupancies.append(Occupancy(variable: occupancy, row: rows.count - 1))
            previous = occupancy
        }
    }
}
