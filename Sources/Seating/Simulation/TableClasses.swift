import MILP

/// Interchangeable tables grouped into capacity classes, and the offline model over them.
///
/// Invariants: a class holds single, reservable tables that belong to no combination and have no
/// block on the day, all with the same `min...max`; every other reservable unit (tables in
/// combinations, blocked tables, combinations) stays individual. A plan that uses a class at most
/// `k` times at every instant can be given concrete tables by interval colouring in start order.
struct TableClasses {
    struct TableClass {
        var min: Int
        var max: Int
        var tables: [Int]   // unit indices of single tables, in natural order
    }

    let floor: Floor
    let day: DayState
    private(set) var classes: [TableClass] = []
    /// Reservable units modelled one by one.
    private(set) var individual: [Int] = []

    init(floor: Floor, day: DayState) {
        self.floor = floor
        self.day = day
        let inCombination = Set(floor.units.filter(\.isCombination).flatMap(\.members))
        var byShape: [[Int]: Int] = [:]
        for unit in floor.units.indices.sorted(by: { floor.idRank[$0] < floor.idRank[$1] }) where floor.units[unit].reservable {
            let seating = floor.units[unit]
            let table = seating.members[0]
            if !seating.isCombination, !inCombination.contains(table), day.blocks[table].isEmpty {
                let key = [seating.min, seating.max]
                if let index = byShape[key] {
                    classes[index].tables.append(unit)
                } else {
                    byShape[key] = classes.count
                    classes.append(TableClass(min: seating.min, max: seating.max, tables: [unit]))
                }
            } else {
                individual.append(unit)
            }
        }
    }

    /// Solves the component; returns the unit of each request (nil: not seated) and the proven
    /// covers bound, or nil when GLPK found nothing in time.
    func solve(requests: [OfflineOptimum.Request], buffer: Int, timeLimitMilliseconds: Int) -> (units: [Int?], coversBound: Int)? {
        enum Choice { case group(Int), unit(Int) }
        var model = LinearModel(sense: .minimize)
        var choices: [[(choice: Choice, variable: LinearModel.Variable)]] = []
        let spans = requests.map { ($0.time, $0.time + $0.duration + buffer) }
        var maxWaste = 0.0
        var options: [[(Choice, Int)]] = []
        for (index, request) in requests.enumerated() {
            var row: [(Choice, Int)] = []
            for (classIndex, group) in classes.enumerated() where group.min <= request.party && request.party <= group.max {
                row.append((.group(classIndex), group.max - request.party))
            }
            for unit in individual where floor.units[unit].fits(request.party) {
                let members = floor.units[unit].members
                guard !members.contains(where: { day.isBlocked(table: $0, from: spans[index].0, to: spans[index].1) }) else { continue }
                row.append((.unit(unit), floor.units[unit].max - request.party))
            }
            maxWaste += Double(row.map(\.1).max() ?? 0)
            options.append(row)
        }
        let weight = maxWaste + 1
        for (index, request) in requests.enumerated() {
            var row: [(choice: Choice, variable: LinearModel.Variable)] = []
            for (option, waste) in options[index] {
                let name: String = switch option {
                case .group(let group): "r\(index)_class\(group)"
                case .unit(let unit): "r\(index)_\(AssignmentModel.name(floor.units[unit].id))"
                }
                row.append((option, model.addVariable(name: name, kind: .binary, objective: -weight * Double(request.party) + Double(waste))))
            }
            model.addRow(name: "once_\(index)", row.map { ($0.variable, 1.0) }, upper: 1)
            choices.append(row)
        }
        func addCliques(name: String, users: [(request: Int, variable: LinearModel.Variable)], capacity: Int) {
            guard Set(users.map(\.request)).count > capacity else { return }
            for instant in Set(users.map { spans[$0.request].0 }).sorted() {
                let covering = users.filter { spans[$0.request].0 <= instant && instant < spans[$0.request].1 }
                guard Set(covering.map(\.request)).count > capacity else { continue }
                model.addRow(name: "\(name)_at_\(instant)", covering.map { ($0.variable, 1.0) }, upper: Double(capacity))
            }
        }
        for (classIndex, group) in classes.enumerated() {
            var users: [(request: Int, variable: LinearModel.Variable)] = []
            for (index, row) in choices.enumerated() {
                for entry in row { if case .group(classIndex) = entry.choice { users.append((index, entry.variable)) } }
            }
            addCliques(name: "class\(classIndex)", users: users, capacity: group.tables.count)
        }
        let individualTables = Set(individual.flatMap { floor.units[$0].members })
        for table in individualTables.sorted() {
            var users: [(request: Int, variable: LinearModel.Variable)] = []
            for (index, row) in choices.enumerated() {
                for entry in row {
                    if case .unit(let unit) = entry.choice, floor.units[unit].members.contains(table) { users.append((index, entry.variable)) }
                }
            }
            addCliques(name: "table\(table)", users: users, capacity: 1)
        }
        let solverOptions = SolveOptions(timeLimitMilliseconds: max(1, timeLimitMilliseconds), relativeGap: 0.001)
        guard let solution = try? MILPSolver().solve(model, options: solverOptions), solution.hasSolution else { return nil }
        // Concrete tables: individual units as chosen; class members by interval colouring.
        var units: [Int?] = Array(repeating: nil, count: requests.count)
        var perClass: [[Int]] = Array(repeating: [], count: classes.count)
        for (index, row) in choices.enumerated() {
            guard let picked = row.first(where: { solution.value($0.variable) > 0.5 }) else { continue }
            switch picked.choice {
            case .unit(let unit): units[index] = unit
            case .group(let group): perClass[group].append(index)
            }
        }
        for (group, members) in perClass.enumerated() {
            var freeAt = Array(repeating: Int.min, count: classes[group].tables.count)
            for index in members.sorted(by: { spans[$0].0 < spans[$1].0 }) {
                guard let slot = freeAt.indices.first(where: { freeAt[$0] <= spans[index].0 }) else { return nil }
                freeAt[slot] = spans[index].1
                units[index] = classes[group].tables[slot]
            }
        }
        var bound = requests.reduce(0) { $0 + $1.party }
        if let lower = solution.bound { bound = min(bound, Int(((maxWaste - lower) / weight + 1e-9).rounded(.down))) }
        return (units, bound)
    }
}
