/// A validated layout compiled for fast seating questions.
///
/// Invariants: built only from a layout `LayoutValidator` accepts (otherwise `init` throws the
/// first problem); `units[i]` is table `i` for `i < tables.count`, combinations follow in layout
/// order; `candidates(for:)` lists the units that seat a party in greedy rank order of their
/// static keys (single before combination, least waste, priority, id), grouped so that the
/// first group with a free unit holds the best fit; `grid(on:)` is sorted by time.
///
/// ```swift
/// let floor = try Floor(layout)
/// floor.candidates(for: 4)          // groups of unit indices, best first
/// floor.grid(on: .sat).map(\.time)  // every bookable start time on Saturdays
/// ```
public struct Floor: Sendable {
    /// One bookable start time of a weekday and the services that offer it.
    public struct GridSlot: Sendable, Equatable {
        public let time: Int
        public let services: [Int]
    }

    /// Units of equal static rank; the dynamic keys (preferences, fit in time) break ties.
    public struct CandidateGroup: Sendable {
        public let units: [Int]
    }

    public let layout: Layout
    public let units: [SeatingUnit]
    public let tableIndex: [String: Int]
    public let unitIndexByMembers: [[Int]: Int]
    /// Largest party any unit seats, for each channel class.
    public let largestUnit: Int
    public let largestReservableUnit: Int
    /// Each unit's position when ids are sorted naturally ("T9" before "T10"): the last tie-break.
    public let idRank: [Int]
    private let candidateGroups: [[CandidateGroup]]
    /// Per party size: the smallest party size whose candidate units are the same units.
    private let fitClasses: [Int]
    private let grids: [[GridSlot]]
    /// Per weekday, per table: the windows of table holds.
    private let tableHoldWindows: [[[(from: Int, to: Int)]]]
    /// Per weekday: the count holds in force.
    private let countHoldsByDay: [[CountHold]]

    /// A count hold compiled for one weekday: at every minute of `[from, to)` at least `count` of
    /// `tables` stay free of reservations.
    public struct CountHold: Sendable {
        public let name: String
        public let count: Int
        public let tables: [Int]
        public let isMatching: [Bool]
        public let from: Int
        public let to: Int
    }

    /// Where a start time falls for pacing: its service and the bucket index within it.
    public struct PacingBucket: Hashable, Sendable {
        public let service: Int
        public let index: Int

        public init(service: Int, index: Int) {
            self.service = service
            self.index = index
        }
    }

    public var tables: [Table] { layout.tables }

    /// When a service's tables are in use: from its first seating to its `end`, or to its last
    /// seating plus the longest turn time when it has none (pictures, capacity, simulations).
    public func window(of service: Service) -> (from: Int, to: Int) {
        (service.first, service.end ?? service.last + (layout.turnTimes.bands.map(\.minutes).max() ?? 120))
    }

    /// Compiles `layout` after checking it against `rules`: `.admission` (the default) for a
    /// layout being admitted, `.invariants` for one read back from a store.
    public init(_ layout: Layout, rules: LayoutValidator.Rules = .admission) throws(LayoutRejection) {
        let verdict = LayoutValidator.validate(layout, rules: rules)
        if let first = verdict.errors.first { throw LayoutRejection(problems: verdict.errors, first: first) }
        self.layout = layout
        var tableIndex: [String: Int] = [:]
        for (index, table) in layout.tables.enumerated() { tableIndex[table.id] = index }
        var units: [SeatingUnit] = layout.tables.enumerated().map { index, table in
            SeatingUnit(id: table.id, members: [index], tableIDs: [table.id], min: table.min, max: table.max,
                        area: table.area, tags: Set(table.tags), priority: table.priority,
                        reservable: table.reservable, isCombination: false)
        }
        for combination in layout.combinations {
            let members = combination.tables.map { tableIndex[$0]! }.sorted()
            let memberTables = members.map { layout.tables[$0] }
            let areas = Set(memberTables.map(\.area))
            units.append(SeatingUnit(
                id: combination.id, members: members, tableIDs: combination.tables,
                min: combination.min, max: combination.max, area: areas.count == 1 ? areas.first : nil,
                tags: Set(memberTables.flatMap(\.tags)),
                priority: combination.priority ?? memberTables.map(\.priority).max() ?? 0,
                reservable: memberTables.allSatisfy(\.reservable), isCombination: true))
        }
        var byMembers: [[Int]: Int] = [:]
        for (index, unit) in units.enumerated() { byMembers[unit.members] = index }
        self.units = units
        self.tableIndex = tableIndex
        self.unitIndexByMembers = byMembers
        self.largestUnit = units.map(\.max).max() ?? 0
        self.largestReservableUnit = units.filter(\.reservable).map(\.max).max() ?? 0
        var idRank = Array(repeating: 0, count: units.count)
        for (rank, index) in units.indices.sorted(by: { NaturalOrder.less(units[$0].id, units[$1].id) }).enumerated() {
            idRank[index] = rank
        }
        self.idRank = idRank
        let candidateGroups = (0...largestUnit).map { party in Self.groups(units: units, idRank: idRank, party: party) }
        self.candidateGroups = candidateGroups
        let unitLists = candidateGroups.map { $0.flatMap(\.units) }
        self.fitClasses = unitLists.indices.map { party in unitLists.firstIndex(of: unitLists[party]) ?? party }
        self.grids = Weekday.allCases.map { weekday in Self.grid(layout: layout, weekday: weekday) }
        self.tableHoldWindows = Weekday.allCases.map { weekday in
            var windows: [[(from: Int, to: Int)]] = Array(repeating: [], count: layout.tables.count)
            for hold in layout.holds where hold.applies(on: weekday) {
                guard case .tables(let ids) = hold.kind else { continue }
                for id in ids { windows[tableIndex[id]!].append((hold.from, hold.to)) }
            }
            return windows
        }
        self.countHoldsByDay = Weekday.allCases.map { weekday in
            layout.holds.filter { $0.applies(on: weekday) }.compactMap { hold in
                guard case .count(let count, let area, let low, let high) = hold.kind else { return nil }
                let matching = layout.tables.indices.filter { index in
                    let table = layout.tables[index]
                    return (area == nil || table.area == area) && table.max >= (low ?? 0) && table.max <= (high ?? Int.max)
                }
                var isMatching = Array(repeating: false, count: layout.tables.count)
                for index in matching { isMatching[index] = true }
                return CountHold(name: hold.name, count: count, tables: matching, isMatching: isMatching, from: hold.from, to: hold.to)
            }
        }
    }

    /// Whether a table hold keeps `table` off reservations at any minute of `[from, to)` on `weekday`.
    public func isTableHeld(_ table: Int, on weekday: Weekday, from: Int, to: Int) -> Bool {
        tableHoldWindows[weekday.index][table].contains { $0.from < to && from < $0.to }
    }

    /// The count holds in force on `weekday`.
    public func countHolds(on weekday: Weekday) -> [CountHold] { countHoldsByDay[weekday.index] }

    /// The service a start time belongs to on `weekday`: the first, in layout order, that runs
    /// that day and whose `first...last` contains the time.
    public func serviceIndex(on weekday: Weekday, at time: Int) -> Int? {
        layout.services.indices.first { index in
            let service = layout.services[index]
            return service.runs(on: weekday) && service.first <= time && time <= service.last
        }
    }

    /// The pacing bucket of a start time, when its service paces: buckets of `intervalMinutes`
    /// aligned to the service's first seating.
    public func pacingBucket(on weekday: Weekday, at time: Int) -> PacingBucket? {
        guard let index = serviceIndex(on: weekday, at: time), let pacing = layout.services[index].pacing else { return nil }
        return PacingBucket(service: index, index: (time - layout.services[index].first) / max(1, pacing.intervalMinutes))
    }

    /// The smallest party size that the same units fit as `party` (parties of 3 and 4 share a class
    /// when every unit that seats one seats the other); `party` itself beyond the largest unit.
    public func fitClass(of party: Int) -> Int {
        party >= 0 && party < fitClasses.count ? fitClasses[party] : party
    }

    /// Candidate units for `party`, best static rank first.
    public func candidates(for party: Int) -> [CandidateGroup] {
        party >= 1 && party < candidateGroups.count ? candidateGroups[party] : []
    }

    /// Every start time offered on `weekday`, ascending.
    public func grid(on weekday: Weekday) -> [GridSlot] {
        grids[weekday.index]
    }

    /// The grid slot at exactly `time` on `weekday`, if the time is bookable.
    public func gridSlot(on weekday: Weekday, at time: Int) -> GridSlot? {
        let slots = grid(on: weekday)
        let index = Self.lowerBound(slots, time)
        return index < slots.count && slots[index].time == time ? slots[index] : nil
    }

    /// The unit whose tables are exactly `tableIDs` (a table or a defined combination).
    public func unit(forTables tableIDs: [String]) -> Int? {
        var members: [Int] = []
        for id in tableIDs {
            guard let index = tableIndex[id] else { return nil }
            members.append(index)
        }
        members.sort()
        guard Set(members).count == members.count else { return nil }
        return unitIndexByMembers[members]
    }

    static func lowerBound(_ slots: [GridSlot], _ time: Int) -> Int {
        var low = 0, high = slots.count
        while low < high {
            let mid = (low + high) / 2
            if slots[mid].time < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func groups(units: [SeatingUnit], idRank: [Int], party: Int) -> [CandidateGroup] {
        let fitting = units.indices.filter { units[$0].fits(party) }.sorted { a, b in
            let ua = units[a], ub = units[b]
            return (ua.isCombination ? 1 : 0, ua.max - party, ua.priority, idRank[a])
                < (ub.isCombination ? 1 : 0, ub.max - party, ub.priority, idRank[b])
        }
        var groups: [CandidateGroup] = []
        var current: [Int] = []
        for index in fitting {
            if let last = current.last,
               units[last].isCombination != units[index].isCombination || units[last].max != units[index].max {
                groups.append(CandidateGroup(units: current))
                current = []
            }
            current.append(index)
        }
        if !current.isEmpty { groups.append(CandidateGroup(units: current)) }
        return groups
    }

    private static func grid(layout: Layout, weekday: Weekday) -> [GridSlot] {
        var servicesAt: [Int: [Int]] = [:]
        for (index, service) in layout.services.enumerated() where service.runs(on: weekday) {
            for time in service.grid(defaultSlot: layout.slotMinutes) where time < ClockTime.limit {
                servicesAt[time, default: []].append(index)
            }
        }
        return servicesAt.keys.sorted().map { GridSlot(time: $0, services: servicesAt[$0]!) }
    }
}

/// A layout that failed validation: every problem, and the first one for the error response.
public struct LayoutRejection: Error, Sendable, Equatable {
    public let problems: [LayoutProblem]
    public let first: LayoutProblem
}
