import MILP

/// The offline optimum's integer program over one component of requests, aggregated twice:
/// identical requests (same start, end and party) form one request type with a count, and
/// interchangeable tables form one capacity class (`TableClasses`).
///
/// Resources: each class (capacity `k`, its number of tables) and each table modelled on its own
/// (capacity 1). A choice puts a request type on a class or on an individual unit (a table or a
/// combination, which uses each member table's resource).
///
/// Variables `y[type][choice]`, integer in `0...min(count, capacity)`: how many requests of the
/// type sit on the choice. Rows: a type seats at most its count; every resource holds at most its
/// capacity at every instant where a request starts, written as an occupancy flow
/// (`LinearModel.addIntervalCapacity`): exact, and three non-zeros per variable instead of one
/// per instant covered. A choice is left out when another seats the type on a strict subset of
/// its tables with no more waste (dominated: any plan can swap it). Objective (minimised):
/// `-party` per seated request, covers alone: integral, so branch-and-bound prunes a node whose
/// bound cannot beat the incumbent by a whole cover. Wasted seats are the local search's
/// tie-break (`OfflinePacking`), not the program's.
///
/// Invariant: `nodes` are the component's distinct start instants, ascending; `types[t].nodes` is
/// the range of node indices a request of that type covers (`start <= node < end`).
struct OfflineProgram {
    /// Requests that are interchangeable: same interval and party.
    struct RequestType {
        var start: Int
        /// End of the occupied interval, buffer included.
        var end: Int
        var party: Int
        /// Indices of the requests (in the component) of this type.
        var requests: [Int]
        var nodes: Range<Int>
    }

    enum Option: Hashable {
        case group(Int)
        case unit(Int)
    }

    struct Choice {
        var option: Option
        var waste: Int
        var resources: [Int]
        var variable: LinearModel.Variable
    }

    let classes: TableClasses
    let types: [RequestType]
    let choices: [[Choice]]
    /// Per type, its choice indices in ascending waste (index on ties).
    let choicesByWaste: [[Int]]
    let nodes: [Int]
    /// Capacity of each resource: classes first, then individual tables.
    let capacity: [Int]
    let linear: LinearModel

    init(classes: TableClasses, requests: [OfflineOptimum.Request], buffer: Int) {
        self.classes = classes
        let floor = classes.floor
        let nodes = Array(Set(requests.map(\.time))).sorted()
        self.nodes = nodes
        func firstNode(atOrAfter instant: Int) -> Int { nodes.firstIndex { $0 >= instant } ?? nodes.count }
        // Request types in order of first appearance.
        var types: [RequestType] = []
        var typeIndex: [[Int]: Int] = [:]
        for (index, request) in requests.enumerated() {
            let end = request.time + request.duration + buffer
            let key = [request.time, end, request.party]
            if let known = typeIndex[key] {
                types[known].requests.append(index)
            } else {
                typeIndex[key] = types.count
                types.append(RequestType(start: request.time, end: end, party: request.party, requests: [index],
                                         nodes: firstNode(atOrAfter: request.time)..<firstNode(atOrAfter: end)))
            }
        }
        self.types = types
        // Resources.
        var capacity = classes.classes.map(\.tables.count)
        var tableResource: [Int: Int] = [:]
        for table in Set(classes.individual.flatMap { floor.units[$0].members }).sorted() {
            tableResource[table] = capacity.count
            capacity.append(1)
        }
        self.capacity = capacity
        // Choices and variables.
        var model = LinearModel(sense: .minimize)
        var choices: [[Choice]] = []
        var users: [[(type: Int, variable: LinearModel.Variable)]] = Array(repeating: [], count: capacity.count)
        for (index, type) in types.enumerated() {
            var options: [(Option, Int, [Int])] = []
            for (group, shape) in classes.classes.enumerated() where shape.min <= type.party && type.party <= shape.max {
                options.append((.group(group), shape.max - type.party, [group]))
            }
            for unit in classes.individual where floor.units[unit].fits(type.party) {
                let members = floor.units[unit].members
                guard !members.contains(where: { classes.day.isBlocked(table: $0, from: type.start, to: type.end) }) else { continue }
                options.append((.unit(unit), floor.units[unit].max - type.party, members.map { tableResource[$0]! }))
            }
            // A choice is dominated when another seats the type on a strict subset of its tables
            // with no more waste: any plan can swap it for that one. Dominated choices are left out.
            let all = options
            options.removeAll { option in
                all.contains { other in
                    other.1 <= option.1 && other.2.count < option.2.count && other.2.allSatisfy(option.2.contains)
                }
            }
            var row: [Choice] = []
            for (option, waste, resources) in options {
                let name: String = switch option {
                case .group(let group): "t\(index)_class\(group)"
                case .unit(let unit): "t\(index)_\(AssignmentModel.name(floor.units[unit].id))"
                }
                let most = min(type.requests.count, resources.map { capacity[$0] }.min() ?? 0)
                let variable = model.addVariable(name: name, kind: most == 1 ? .binary : .integer, lower: 0, upper: Double(most))
                row.append(Choice(option: option, waste: waste, resources: resources, variable: variable))
                for resource in resources { users[resource].append((index, variable)) }
            }
            choices.append(row)
        }
        self.choices = choices
        choicesByWaste = choices.map { row in row.indices.sorted { (row[$0].waste, $0) < (row[$1].waste, $1) } }
        for (index, type) in types.enumerated() {
            for choice in choices[index] { model.setObjective(choice.variable, -Double(type.party)) }
            model.addRow(name: "once_t\(index)", choices[index].map { ($0.variable, 1.0) }, upper: Double(type.requests.count))
        }
        // Occupancy flow per resource (`LinearModel.addIntervalCapacity`).
        for (resource, using) in users.enumerated() {
            model.addIntervalCapacity(name: "r\(resource)", uses: using.map {
                LinearModel.IntervalUse(variable: $0.variable, start: types[$0.type].start, end: types[$0.type].end)
            }, capacity: Double(capacity[resource]))
        }
        linear = model
    }

    /// Objective coefficients, one per column, that put covers first and wasted seats second
    /// (`-weight * party + waste` per choice, `weight` above any plan's total waste): the
    /// relaxation's optimum under them is a vertex with tight fits, which rounds to more covers
    /// than a vertex of the covers-only objective (`SolveOptions.guideObjective`).
    var wasteTieBreak: [Double] {
        var maxWaste = 0
        for (type, row) in zip(types, choices) { maxWaste += type.requests.count * (row.map(\.waste).max() ?? 0) }
        let weight = Double(maxWaste + 1)
        var objective = Array(repeating: 0.0, count: linear.columns.count)
        for (type, row) in zip(types, choices) {
            for choice in row { objective[choice.variable.index] = -weight * Double(type.party) + Double(choice.waste) }
        }
        return objective
    }

    /// How many choices of each type, the least wasteful, the relaxation starts with.
    static let startingChoices = 6

    /// The columns the relaxation first leaves out and prices in (`SolveOptions.deferredColumns`):
    /// each type's choices beyond its `startingChoices` least wasteful. The relaxation's optimum is
    /// the whole program's either way; on dense floors (9,000 columns, 2,000 rows) it is reached in
    /// about three quarters of the time, and from a vertex that rounds as well (docs/offline-optimum.md).
    var deferredColumns: [Int] {
        zip(choices, choicesByWaste).flatMap { row, order in order.dropFirst(Self.startingChoices).map { row[$0].variable.index } }
    }

    /// The most covers an objective bound allows (the objective is minus the covers).
    func coversBound(objectiveBound: Double) -> Int {
        Int((-objectiveBound + 1e-6).rounded(.down))
    }

    /// Per type and choice, how many requests a solution seats there.
    func counts(_ solution: Solution) -> [[Int]] {
        choices.map { row in row.map { Int(solution.value($0.variable).rounded()) } }
    }

    /// The model's column values for `counts` (occupancies filled in), to hand GLPK as a start.
    func values(for counts: [[Int]]) -> [Double] {
        var values = Array(repeating: 0.0, count: linear.columns.count)
        for (row, numbers) in zip(choices, counts) {
            for (choice, count) in zip(row, numbers) { values[choice.variable.index] = Double(count) }
        }
        return linear.withOccupancies(values)
    }

    /// Concrete units for the component's requests from per-type counts: individual units as
    /// chosen, class members by interval colouring in start order. Nil if a class is over
    /// capacity somewhere (the counts were not feasible).
    func units(for counts: [[Int]], requestCount: Int) -> [Int?]? {
        var units: [Int?] = Array(repeating: nil, count: requestCount)
        var perClass: [[(request: Int, type: RequestType)]] = Array(repeating: [], count: classes.classes.count)
        for (index, type) in types.enumerated() {
            var waiting = type.requests[...]
            for (choice, count) in zip(choices[index], counts[index]) where count > 0 {
                guard count <= waiting.count else { return nil }
                let taken = waiting.prefix(count)
                waiting = waiting.dropFirst(count)
                switch choice.option {
                case .unit(let unit): for request in taken { units[request] = unit }
                case .group(let group): perClass[group].append(contentsOf: taken.map { ($0, type) })
                }
            }
        }
        for (group, members) in perClass.enumerated() {
            var freeAt = Array(repeating: Int.min, count: classes.classes[group].tables.count)
            for member in members.sorted(by: { ($0.type.start, $0.request) < ($1.type.start, $1.request) }) {
                guard let slot = freeAt.indices.first(where: { freeAt[$0] <= member.type.start }) else { return nil }
                freeAt[slot] = member.type.end
                units[member.request] = classes.classes[group].tables[slot]
            }
        }
        return units
    }
}
