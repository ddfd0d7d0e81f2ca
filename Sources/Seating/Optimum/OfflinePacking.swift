/// A plan in `OfflineProgram`'s aggregated terms (how many requests of each type sit on each
/// choice) that keeps every resource's occupancy at every node, so placing, removing and checking
/// a request costs only the nodes it covers. Built by rounding the linear relaxation, then
/// improved by local search: seat a waiting request by ejecting the smallest blocking parties and
/// re-seating them elsewhere, kept only when covers rise (or waste falls at equal covers).
///
/// Invariants: `occupancy[r][i]` sums the weights of the seated requests' uses of resource `r`
/// in slot `i` (a table resource's slots are nodes) and never exceeds `program.limits[r][i]`; `seated[t]` never exceeds the type's count; `covers`
/// and `waste` are the plan's totals. Deterministic: no clock, no randomness but a seeded one.
struct OfflinePacking {
    let program: OfflineProgram
    private(set) var counts: [[Int]]
    private(set) var occupancy: [[Int]]
    private(set) var seated: [Int]
    private(set) var covers = 0
    private(set) var waste = 0
    /// Per resource, the (type, choice) pairs that use it, with the slots they use.
    private let users: [[(type: Int, choice: Int, slots: Range<Int>)]]

    init(program: OfflineProgram) {
        self.program = program
        counts = program.choices.map { Array(repeating: 0, count: $0.count) }
        occupancy = program.limits.map { Array(repeating: 0, count: $0.count) }
        seated = Array(repeating: 0, count: program.types.count)
        var users: [[(type: Int, choice: Int, slots: Range<Int>)]] = Array(repeating: [], count: program.limits.count)
        for (type, row) in program.choices.enumerated() {
            for (choice, entry) in row.enumerated() {
                for use in entry.uses { users[use.resource].append((type, choice, use.slots)) }
            }
        }
        self.users = users
    }

    /// A packing of `counts` (per type and choice), which must keep every resource within its
    /// capacity (a solver's plan, say); nil when they do not.
    init?(program: OfflineProgram, counts: [[Int]]) {
        self.init(program: program)
        for (type, row) in counts.enumerated() {
            for (choice, count) in row.enumerated() {
                for _ in 0..<max(0, count) {
                    guard fits(type, choice) else { return nil }
                    add(type, choice)
                }
            }
        }
    }

    func hasRoom(_ type: Int) -> Bool { seated[type] < program.types[type].requests.count }

    func fits(_ type: Int, _ choice: Int) -> Bool {
        guard hasRoom(type) else { return false }
        for use in program.choices[type][choice].uses {
            let limits = program.limits[use.resource]
            for slot in use.slots where occupancy[use.resource][slot] + use.weight > limits[slot] { return false }
        }
        return true
    }

    mutating func add(_ type: Int, _ choice: Int) {
        change(type, choice, by: 1)
    }

    mutating func remove(_ type: Int, _ choice: Int) {
        change(type, choice, by: -1)
    }

    private mutating func change(_ type: Int, _ choice: Int, by step: Int) {
        counts[type][choice] += step
        seated[type] += step
        covers += step * program.types[type].party
        waste += step * program.choices[type][choice].waste
        for use in program.choices[type][choice].uses {
            for slot in use.slots { occupancy[use.resource][slot] += step * use.weight }
        }
    }

    /// Seats each type on its first choice (least waste) that fits, while it has room; types in
    /// `order`.
    mutating func fill(order: [Int]) {
        for type in order {
            for choice in program.choicesByWaste[type] {
                while fits(type, choice) { add(type, choice) }
            }
        }
    }

    /// Types from the largest party down, earliest first: the order greedy filling and the local
    /// search visit them.
    var largestFirst: [Int] {
        program.types.indices.sorted {
            let a = program.types[$0], b = program.types[$1]
            return (-a.party, a.start, $0) < (-b.party, b.start, $1)
        }
    }

    /// A relaxed value's whole part and fraction (values within 1e-6 of a whole number count as
    /// whole): the one place rounding and diving tell fractional choices from whole ones.
    static func split(_ value: Double) -> (whole: Int, fraction: Double) {
        let whole = Int((value + 1e-6).rounded(.down))
        let fraction = value - Double(whole)
        return (max(0, whole), fraction > 1e-6 ? fraction : 0)
    }

    /// The fractional choices of a relaxed solution (per type and choice), with their fractions, in
    /// type then choice order.
    static func fractions(of relaxed: [[Double]]) -> [(fraction: Double, type: Int, choice: Int)] {
        var fractions: [(fraction: Double, type: Int, choice: Int)] = []
        for (type, row) in relaxed.enumerated() {
            for (choice, value) in row.enumerated() {
                let fraction = split(value).fraction
                if fraction > 0 { fractions.append((fraction, type, choice)) }
            }
        }
        return fractions
    }

    /// The plan's covers and waste, as the optimum ranks plans (`PlanScore`).
    var score: PlanScore { PlanScore(covers: covers, waste: waste) }

    /// Whether this plan beats `other` (`PlanScore`: more covers, then fewer wasted seats).
    func isBetter(than other: OfflinePacking) -> Bool { score > other.score }

    /// The whole parts of a relaxed solution (per type and choice), each seated while it fits (a
    /// feasible relaxation's whole parts always do: the program's rows only bound sums of
    /// non-negative terms from above).
    init(program: OfflineProgram, wholePartsOf relaxed: [[Double]]) {
        self.init(program: program)
        for (type, row) in relaxed.enumerated() {
            for (choice, value) in row.enumerated() {
                for _ in 0..<Self.split(value).whole where fits(type, choice) { add(type, choice) }
            }
        }
    }

    /// Rounds a relaxed solution (per type and choice): whole parts first, then the larger
    /// fractions, then greedy filling of whatever still fits. With `noise`, each fraction's place in
    /// that order is shaken by up to `noise` either way (seeded: the same seed, the same packing),
    /// so several roundings of one relaxation give different plans.
    static func rounding(program: OfflineProgram, relaxed: [[Double]], noise: Double = 0, seed: UInt64 = 0) -> OfflinePacking {
        var packing = OfflinePacking(program: program, wholePartsOf: relaxed)
        var random = SeededRandom(seed: seed)
        var fractions = Self.fractions(of: relaxed).map { entry in
            (value: noise > 0 ? entry.fraction + noise * Double.random(in: -1...1, using: &random) : entry.fraction,
             type: entry.type, choice: entry.choice)
        }
        fractions.sort { ($0.value, program.types[$0.type].party, -$0.type, -$0.choice) > ($1.value, program.types[$1.type].party, -$1.type, -$1.choice) }
        for entry in fractions where packing.fits(entry.type, entry.choice) { packing.add(entry.type, entry.choice) }
        packing.fill(order: packing.largestFirst)
        return packing
    }

    /// Local search: for every type with a waiting request, try each choice, ejecting the
    /// smallest parties that block it and re-seating them anywhere; keep a try that seats more
    /// covers, or as many with less waste. Repeats until a round changes nothing or `rounds` ran.
    mutating func improve(rounds: Int) {
        for _ in 0..<rounds {
            var improved = false
            for type in largestFirst where hasRoom(type) {
                for choice in program.choicesByWaste[type] where hasRoom(type) {
                    if tryInsert(type, choice) { improved = true }
                }
            }
            if !improved { return }
        }
    }

    /// Moves seated requests to choices with less waste wherever they fit, until none moves:
    /// covers stay, waste falls (the program's objective counts covers alone).
    mutating func reduceWaste() {
        var moved = true
        while moved {
            moved = false
            for type in program.types.indices {
                for choice in program.choices[type].indices where counts[type][choice] > 0 {
                    for better in program.choicesByWaste[type] where program.choices[type][better].waste < program.choices[type][choice].waste {
                        while counts[type][choice] > 0 {
                            remove(type, choice)
                            guard fits(type, better) else { add(type, choice); break }
                            add(type, better)
                            moved = true
                        }
                    }
                }
            }
        }
    }

    /// Seats one request of `type` on `choice`, ejecting blockers; keeps the change only if it
    /// improves the plan.
    private mutating func tryInsert(_ type: Int, _ choice: Int) -> Bool {
        if fits(type, choice) {
            add(type, choice)
            return true
        }
        let before = score
        var ejected: [(type: Int, choice: Int)] = []
        for use in program.choices[type][choice].uses {
            for slot in use.slots {
                while occupancy[use.resource][slot] + use.weight > program.limits[use.resource][slot] {
                    // The smallest party using this resource in this slot (latest start on ties).
                    var pick: (type: Int, choice: Int)?
                    for user in users[use.resource] where counts[user.type][user.choice] > 0 && user.slots.contains(slot) {
                        guard let current = pick else { pick = (user.type, user.choice); continue }
                        let a = (program.types[user.type].party, -program.choices[user.type][user.choice].start)
                        let b = (program.types[current.type].party, -program.choices[current.type][current.choice].start)
                        if a < b { pick = (user.type, user.choice) }
                    }
                    guard let pick, ejected.count < 4 else { return undo(ejected: ejected, placed: nil, reseated: []) }
                    remove(pick.type, pick.choice)
                    ejected.append(pick)
                }
            }
        }
        guard fits(type, choice) else {
            return undo(ejected: ejected, placed: nil, reseated: [])
        }
        add(type, choice)
        var reseated: [(type: Int, choice: Int)] = []
        for out in ejected.sorted(by: { program.types[$0.type].party > program.types[$1.type].party }) {
            if let other = program.choicesByWaste[out.type].first(where: { fits(out.type, $0) }) {
                add(out.type, other)
                reseated.append((out.type, other))
            }
        }
        if score > before { return true }
        return undo(ejected: ejected, placed: (type, choice), reseated: reseated)
    }

    private mutating func undo(ejected: [(type: Int, choice: Int)], placed: (type: Int, choice: Int)?,
                               reseated: [(type: Int, choice: Int)]) -> Bool {
        for entry in reseated { remove(entry.type, entry.choice) }
        if let placed { remove(placed.type, placed.choice) }
        for entry in ejected { add(entry.type, entry.choice) }
        return false
    }
}
