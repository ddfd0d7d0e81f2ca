/// A mixed-integer linear model, built in plain Swift and independent of any solver.
///
/// Invariants: every variable and row refers only to variables of this model; bounds are
/// finite or absent; coefficients are finite. `validate()` checks them before a solver sees
/// the model, because GLPK aborts the process on misuse instead of returning an error.
///
/// ```swift
/// var model = LinearModel(sense: .maximize)
/// let x = model.addVariable(name: "x", kind: .binary, objective: 3)
/// let y = model.addVariable(name: "y", kind: .binary, objective: 2)
/// model.addRow(name: "pick_one", [(x, 1), (y, 1)], upper: 1)
/// let solution = try MILPSolver().solve(model)   // x = 1, y = 0, objective 3
/// ```
public struct LinearModel: Sendable {
    /// Whether the objective is minimised or maximised.
    public enum Sense: Sendable { case minimize, maximize }

    /// The domain of a variable.
    public enum Kind: Sendable { case continuous, integer, binary }

    /// A handle to a variable of one model; its `index` is its column, from 0.
    public struct Variable: Hashable, Sendable {
        public let index: Int
    }

    /// One column: its name, domain, bounds and objective coefficient.
    public struct Column: Sendable {
        public var name: String
        public var kind: Kind
        public var lower: Double?
        public var upper: Double?
        public var objective: Double
    }

    /// One constraint row `lower <= sum(coefficient * variable) <= upper`.
    public struct Row: Sendable {
        public var name: String
        public var terms: [(variable: Variable, coefficient: Double)]
        public var lower: Double?
        public var upper: Double?
    }

    /// An occupancy column and the flow row that defines it (`addIntervalCapacity`), in the
    /// order added: each row refers only to occupancies defined before it.
    struct Occupancy: Sendable {
        var variable: Variable
        var row: Int
    }

    public var sense: Sense
    public var objectiveConstant: Double = 0
    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []
    var occupancies: [Occupancy] = []

    public init(sense: Sense = .minimize) {
        self.sense = sense
    }

    /// Adds a variable. Binary variables get bounds `0...1` regardless of the ones given.
    @discardableResult
    public mutating func addVariable(
        name: String, kind: Kind = .continuous, lower: Double? = 0, upper: Double? = nil,
        objective: Double = 0
    ) -> Variable {
        let bounded = kind == .binary ? (Double(0), Double(1)) : (lower, upper)
        columns.append(Column(name: name, kind: kind, lower: bounded.0, upper: bounded.1, objective: objective))
        return Variable(index: columns.count - 1)
    }

    /// Adds a row. Terms on the same variable are summed.
    public mutating func addRow(
        name: String, _ terms: [(Variable, Double)], lower: Double? = nil, upper: Double? = nil
    ) {
        var merged: [Int: Double] = [:]
        var order: [Int] = []
        for (variable, coefficient) in terms {
            if merged[variable.index] == nil { order.append(variable.index) }
            merged[variable.index, default: 0] += coefficient
        }
        let combined = order.map { (variable: Variable(index: $0), coefficient: merged[$0]!) }
        rows.append(Row(name: name, terms: combined, lower: lower, upper: upper))
    }

    /// Changes the objective coefficient of a variable.
    public mutating func setObjective(_ variable: Variable, _ coefficient: Double) {
        columns[variable.index].objective = coefficient
    }

    /// Sets a variable's bounds, to fix it say (for warm starts, what-if questions and
    /// neighbourhood searches); a binary variable's must stay within `0...1`.
    public mutating func setBounds(_ variable: Variable, lower: Double?, upper: Double?) {
        columns[variable.index].lower = lower
        columns[variable.index].upper = upper
    }

    /// The same model with every variable continuous (binary ones kept within `0...1`): its optimum
    /// bounds the integer program's.
    public func relaxation() -> LinearModel {
        var relaxed = self
        for index in relaxed.columns.indices { relaxed.columns[index].kind = .continuous }
        return relaxed
    }

    /// Whether any variable is integer or binary.
    public var isInteger: Bool { columns.contains { $0.kind != .continuous } }

    /// Whether `values` (one per column) satisfy every bound, row and integrality, within `tolerance`.
    /// GLPK trusts the solutions it is handed, so they are checked here first.
    public func isFeasible(_ values: [Double], tolerance: Double = 1e-6) -> Bool {
        guard values.count == columns.count, values.allSatisfy(\.isFinite) else { return false }
        for (column, value) in zip(columns, values) {
            if let lower = column.lower, value < lower - tolerance { return false }
            if let upper = column.upper, value > upper + tolerance { return false }
            if column.kind != .continuous, abs(value - value.rounded()) > tolerance { return false }
        }
        for row in rows {
            let activity = row.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.variable.index] }
            if let lower = row.lower, activity < lower - tolerance { return false }
            if let upper = row.upper, activity > upper + tolerance { return false }
        }
        return true
    }

    /// Checks every invariant a solver relies on; throws the first problem found.
    public func validate() throws(MILPError) {
        for (index, column) in columns.enumerated() {
            try Self.checkName(column.name, what: "variable \(index)")
            try Self.checkBounds(column.lower, column.upper, what: "variable \(column.name)")
            if column.kind == .binary, (column.lower ?? 0) < 0 || (column.upper ?? 1) > 1 {
                throw .invalidModel("binary variable \(column.name) has bounds outside 0...1")
            }
            guard column.objective.isFinite else {
                throw .invalidModel("objective coefficient of \(column.name) is not finite")
            }
        }
        for (index, row) in rows.enumerated() {
            try Self.checkName(row.name, what: "row \(index)")
            try Self.checkBounds(row.lower, row.upper, what: "row \(row.name)")
            for term in row.terms {
                guard term.variable.index >= 0, term.variable.index < columns.count else {
                    throw .invalidModel("row \(row.name) uses a variable of another model")
                }
                guard term.coefficient.isFinite else {
                    throw .invalidModel("row \(row.name) has a coefficient that is not finite")
                }
            }
        }
        guard objectiveConstant.isFinite else { throw .invalidModel("objective constant is not finite") }
    }

    private static func checkName(_ name: String, what: String) throws(MILPError) {
        guard !name.isEmpty, name.utf8.count <= 255,
              name.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw .invalidModel("\(what) needs a name of 1 to 255 printable ASCII characters without spaces")
        }
    }

    private static func checkBounds(_ lower: Double?, _ upper: Double?, what: String) throws(MILPError) {
        if let lower, !lower.isFinite { throw .invalidModel("\(what) has a lower bound that is not finite") }
        if let upper, !upper.isFinite { throw .invalidModel("\(what) has an upper bound that is not finite") }
        if let lower, let upper, lower > upper {
            throw .invalidModel("\(what) has lower bound \(lower) above upper bound \(upper)")
        }
    }
}

/// Errors raised before or around a solve; a solve that finds no solution is a status, not an error.
public enum MILPError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidModel(String)
    case solverFailure(String)
    case writeFailed(String)

    public var description: String {
        switch self {
        case .invalidModel(let message): "invalid model: \(message)"
        case .solverFailure(let message): "solver failure: \(message)"
        case .writeFailed(let message): "could not write model: \(message)"
        }
    }
}
