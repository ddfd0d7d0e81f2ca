import MILP

/// The offline optimum's integer program over one component of requests, aggregated twice:
/// identical requests (same candidate start times, occupied minutes and party) form one request
/// type with a count, and interchangeable tables form one capacity class (`TableClasses`).
///
/// Resources: each class (capacity `k`, its number of tables) and each table modelled on its own
/// (capacity 1); under the floor's rules (`OfflineOptimum.Rules.floor`) also each pacing cap of a
/// bucket (covers or parties starting in it) and each count hold (matching tables reservations may
/// take at each instant of its window: `|M| - count` less those blocked then). A choice puts a
/// request type at one of its start times on a class or on an individual unit (a table or a
/// combination, which uses each member table's resource); under the rules only at times and on
/// units the rules allow for an online party (`SlotEvaluator.serviceRules`, no table hold).
///
/// Variables `y[type][choice]`, integer in `0...min(count, capacity)`: how many requests of the
/// type sit on the choice. Rows: a type seats at most its count; every table resource holds at
/// most its capacity at every instant where a request starts, written as an occupancy flow
/// (`LinearModel.addIntervalCapacity`): exact, and three non-zeros per variable instead of one
/// per instant covered; a pacing cap is one row per bucket; a count hold one row per instant its
/// free count can drop (the window's start, a block's or a request's start in it). A choice is
/// left out when another seats the type at the same time on a strict subset of its tables with no
/// more waste (dominated: any plan can swap it). Objective (minimised): `-party` per seated
/// request, covers alone: integral, so branch-and-bound prunes a node whose bound cannot beat the
/// incumbent by a whole cover. Wasted seats are the local search's tie-break (`OfflinePacking`),
/// not the program's.
///
/// Invariants: `nodes` are the component's distinct start instants (and under the rules the count
/// holds' check instants), ascending; `choices[t][c].nodes` is the range of node indices that
/// choice covers (`start <= node < end`); every use of a choice names a resource and the slots of
/// `limits[resource]` it takes `weight` of (table and hold resources: its nodes; pacing: slot 0).
struct OfflineProgram {
    /// Requests that are interchangeable: same candidate times, occupied minutes and party.
    struct RequestType {
        /// Candidate start times, the preferred first (`OfflineOptimum.Request.times`).
        var times: [Int]
        /// The earliest of them (the order filling and local search visit types in).
        var start: Int
        /// Minutes occupied from a start, buffer included.
        var span: Int
        var party: Int
        /// Indices of the requests (in the component) of this type.
        var requests: [Int]
    }

    enum Option: Hashable {
        case group(Int)
        case unit(Int)
    }

    /// What a choice takes of one resource: `weight` in each of `slots` of `limits[resource]`.
    struct Use {
        var resource: Int
        var weight: Int
        var slots: Range<Int>
    }

    struct Choice {
        var option: Option
        var start: Int
        /// End of the occupied interval, buffer included.
        var end: Int
        var nodes: Range<Int>
        var waste: Int
        var uses: [Use]
        var variable: LinearModel.Variable
    }

    let classes: TableClasses
    let types: [RequestType]
    let choices: [[Choice]]
    /// Per type, its choice indices in ascending waste (index on ties: the preferred time first).
    let choicesByWaste: [[Int]]
    let nodes: [Int]
    /// Per resource, what each slot holds at most: table resources (classes first, then individual
    /// tables) and count holds per node, pacing caps in one slot.
    let limits: [[Int]]
    let linear: LinearModel

    init(classes: TableClasses, requests: [OfflineOptimum.Request], buffer: Int, rules: OfflineOptimum.Rules = .physics) {
        self.classes = classes
        let floor = classes.floor
        let day = classes.day
        let underRules = rules == .floor
        // Request types in order of first appearance.
        var types: [RequestType] = []
        var typeIndex: [[Int]: Int] = [:]
        for (index, request) in requests.enumerated() {
            let span = request.duration + buffer
            let key = [span, request.party] + request.times
            if let known = typeIndex[key] {
                types[known].requests.append(index)
            } else {
                typeIndex[key] = types.count
                types.append(RequestType(times: request.times, start: request.times.min() ?? request.time, span: span,
                                         party: request.party, requests: [index]))
            }
        }
        self.types = types
        // The times each type may start at: under the rules, those an online party may book.
        let allowed = types.map { type in
            guard underRules else { return type.times }
            return type.times.filter { time in
                let query = SeatingQuery(date: day.date, time: time, party: type.party, channel: .online)
                return SlotEvaluator.serviceRules(floor: floor, query: query,
                                                  duration: SlotEvaluator.duration(floor: floor, query: query)) == nil
            }
        }
        let countHolds = underRules ? floor.countHolds(on: day.weekday) : []
        // Nodes: every start, and where a count hold's free count can drop within the component.
        var instants = Set(allowed.joined())
        let first = instants.min() ?? 0
        let last = zip(types, allowed).map { type, times in (times.max() ?? 0) + type.span }.max() ?? 0
        for hold in countHolds {
            instants.formUnion(HoldRules.dropInstants(hold, day: day, from: hold.from, to: hold.to).filter { first <= $0 && $0 < last })
        }
        let nodes = instants.sorted()
        self.nodes = nodes
        func firstNode(atOrAfter instant: Int) -> Int { nodes.lowerBound(of: instant) }
        // Resources: classes, individual tables, then count holds; pacing caps as met.
        var capacity = classes.classes.map(\.tables.count)
        var tableResource: [Int: Int] = [:]
        for table in Set(classes.individual.flatMap { floor.units[$0].members }).sorted() {
            tableResource[table] = capacity.count
            capacity.append(1)
        }
        var limits = capacity.map { Array(repeating: $0, count: nodes.count) }
        let holdResource = limits.count
        for hold in countHolds {
            limits.append(nodes.map { node in
                guard hold.from <= node, node < hold.to else { return Int.max / 4 }
                return max(0, hold.tables.count - hold.count - HoldRules.taken(hold, day: day, at: node))
            })
        }
        var paceResource: [[Int]: Int] = [:]
        // Choices and variables.
        var model = LinearModel(sense: .minimize)
        var choices: [[Choice]] = []
        var users: [[(start: Int, end: Int, variable: LinearModel.Variable)]] = Array(repeating: [], count: capacity.count)
        for (index, type) in types.enumerated() {
            var row: [Choice] = []
            for time in allowed[index] {
                let end = time + type.span
                var options: [(Option, Int, [Int])] = []
                for (group, shape) in classes.classes.enumerated() where shape.min <= type.party && type.party <= shape.max {
                    options.append((.group(group), shape.max - type.party, [group]))
                }
                for unit in classes.individual where floor.units[unit].fits(type.party) {
                    let members = floor.units[unit].members
                    guard !members.contains(where: { day.isBlocked(table: $0, from: time, to: end) }) else { continue }
                    if underRules, HoldRules.tableHold(floor: floor, weekday: day.weekday, unit: unit, from: time, to: end) != nil { continue }
                    options.append((.unit(unit), floor.units[unit].max - type.party, members.map { tableResource[$0]! }))
                }
                // A choice is dominated when another seats the type at the same time on a strict
                // subset of its tables with no more waste: any plan can swap it for that one.
                let all = options
                options.removeAll { option in
                    all.contains { other in
                        other.1 <= option.1 && other.2.count < option.2.count && other.2.allSatisfy(option.2.contains)
                    }
                }
                let covered = firstNode(atOrAfter: time)..<firstNode(atOrAfter: end)
                var rules: [Use] = []
                if let bucket = floor.pacingBucket(on: day.weekday, at: time), underRules,
                   let pacing = floor.layout.services[bucket.service].pacing {
                    for (cap, limit, weight) in [(0, pacing.maxCovers, type.party), (1, pacing.maxParties, 1)] {
                        guard let limit else { continue }
                        let key = [bucket.service, bucket.index, cap]
                        if paceResource[key] == nil {
                            paceResource[key] = limits.count
                            limits.append([limit])
                        }
                        rules.append(Use(resource: paceResource[key]!, weight: weight, slots: 0..<1))
                    }
                }
                for (option, waste, resources) in options {
                    let name: String = switch option {
                    case .group(let group): "t\(index)\(type.times.count > 1 ? "_at\(time)" : "")_class\(group)"
                    case .unit(let unit): "t\(index)\(type.times.count > 1 ? "_at\(time)" : "")_\(AssignmentModel.name(floor.units[unit].id))"
                    }
                    let most = min(type.requests.count, resources.map { capacity[$0] }.min() ?? 0)
                    let variable = model.addVariable(name: name, kind: most == 1 ? .binary : .integer, lower: 0, upper: Double(most))
                    var uses = resources.map { Use(resource: $0, weight: 1, slots: covered) } + rules
                    for (number, hold) in countHolds.enumerated() {
                        let taken = switch option {
                        case .group(let group): hold.isMatching[floor.units[classes.classes[group].tables[0]].members[0]] ? 1 : 0
                        case .unit(let unit): HoldRules.tablesTaken(hold, floor: floor, unit: unit, channel: .online)
                        }
                        guard taken > 0, max(time, hold.from) < min(end, hold.to) else { continue }
                        let slots = firstNode(atOrAfter: max(time, hold.from))..<firstNode(atOrAfter: min(end, hold.to))
                        if !slots.isEmpty { uses.append(Use(resource: holdResource + number, weight: taken, slots: slots)) }
                    }
                    row.append(Choice(option: option, start: time, end: end, nodes: covered, waste: waste, uses: uses, variable: variable))
                    for resource in resources { users[resource].append((time, end, variable)) }
                }
            }
            choices.append(row)
        }
        self.choices = choices
        self.limits = limits
        choicesByWaste = choices.map { row in row.indices.sorted { (row[$0].waste, $0) < (row[$1].waste, $1) } }
        for (index, type) in types.enumerated() {
            for choice in choices[index] { model.setObjective(choice.variable, -Double(type.party)) }
            model.addRow(name: "once_t\(index)", choices[index].map { ($0.variable, 1.0) }, upper: Double(type.requests.count))
        }
        // Occupancy flow per table resource (`LinearModel.addIntervalCapacity`).
        for (resource, using) in users.enumerated() {
            model.addIntervalCapacity(name: "r\(resource)", uses: using.map {
                LinearModel.IntervalUse(variable: $0.variable, start: $0.start, end: $0.end)
            }, capacity: Double(capacity[resource]))
        }
        // The rules' resources, one row per slot that the choices could overfill.
        var ruleTerms: [[Int: [(LinearModel.Variable, Double)]]] = Array(repeating: [:], count: limits.count)
        for row in choices {
            for choice in row {
                for use in choice.uses where use.resource >= capacity.count {
                    for slot in use.slots { ruleTerms[use.resource][slot, default: []].append((choice.variable, Double(use.weight))) }
                }
            }
        }
        for resource in capacity.count..<limits.count {
            let kind = resource < holdResource + countHolds.count ? "hold\(resource - holdResource)" : "pace\(resource - holdResource - countHolds.count)"
            for (slot, terms) in ruleTerms[resource].sorted(by: { $0.key < $1.key }) {
                let most = terms.reduce(0.0) { $0 + $1.1 * (model.columns[$1.0.index].upper ?? .infinity) }
                guard most > Double(limits[resource][slot]) else { continue }
                model.addRow(name: "\(kind)_\(kind.hasPrefix("hold") ? "t\(nodes[slot])" : "cap")", terms, upper: Double(limits[resource][slot]))
            }
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

    /// Concrete units and start times for the component's requests from per-type counts:
    /// individual units as chosen, class members by interval colouring in start order. Nil if a
    /// class is over capacity somewhere (the counts were not feasible).
    func placements(for counts: [[Int]], requestCount: Int) -> [OfflineOptimum.Seat?]? {
        var seats: [OfflineOptimum.Seat?] = Array(repeating: nil, count: requestCount)
        var perClass: [[(request: Int, start: Int, end: Int)]] = Array(repeating: [], count: classes.classes.count)
        for (index, type) in types.enumerated() {
            var waiting = type.requests[...]
            for (choice, count) in zip(choices[index], counts[index]) where count > 0 {
                guard count <= waiting.count else { return nil }
                let taken = waiting.prefix(count)
                waiting = waiting.dropFirst(count)
                switch choice.option {
                case .unit(let unit): for request in taken { seats[request] = OfflineOptimum.Seat(unit: unit, start: choice.start) }
                case .group(let group): perClass[group].append(contentsOf: taken.map { ($0, choice.start, choice.end) })
                }
            }
        }
        for (group, members) in perClass.enumerated() {
            let ordered = members.sorted { ($0.start, $0.request) < ($1.start, $1.request) }
            let intervals = ordered.map { InterchangeableTables.Interval(start: $0.start, end: $0.end, current: nil) }
            guard let tables = InterchangeableTables.colour(intervals, onto: classes.classes[group].tables, floor: classes.floor) else { return nil }
            for (member, table) in zip(ordered, tables) { seats[member.request] = OfflineOptimum.Seat(unit: table, start: member.start) }
        }
        return seats
    }
}
