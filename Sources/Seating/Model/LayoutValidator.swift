/// A problem found in a layout, with the path of the field at fault (`tables[3].max`).
public struct LayoutProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Checks a layout against every rule of PROTOCOL.md, reporting errors (reject) and warnings
/// (accept, but tell the owner).
///
/// Invariants: `validate` returns errors in document order, so the first one names the first
/// offending path a person reading the document would meet. `Rules.invariants` is a subset of
/// `Rules.admission`: limits that keep absurd input out (lengths, upper bounds, counts) apply
/// only when a layout is admitted, so tightening one never invalidates a layout already stored.
public enum LayoutValidator {
    /// Which rules to apply.
    public enum Rules: Sendable {
        /// Everything `layout.put` enforces today.
        case admission
        /// Only what the engine needs to be correct (unique ids, known members, `min <= max`,
        /// ordered bands and times): how stored layouts are read back.
        case invariants
    }

    /// The largest party, table size or combination size accepted anywhere.
    public static let maxCovers = 500
    /// Upper bounds that keep absurd numbers out.
    public static let maxTables = 2_000
    public static let maxMinutes = 24 * 60

    public static func validate(_ layout: Layout, rules: Rules = .admission) -> (errors: [LayoutProblem], warnings: [LayoutProblem]) {
        var errors: [LayoutProblem] = []
        var warnings: [LayoutProblem] = []
        let admission = rules == .admission
        if layout.restaurant.isEmpty || (admission && !isIdentifier(layout.restaurant)) {
            errors.append(.init("restaurant", "must be 1 to 64 characters of letters, digits, '-', '_' or '.'"))
        }
        if layout.slotMinutes < 1 || (admission && layout.slotMinutes > 240) { errors.append(.init("slotMinutes", "must be between 1 and 240")) }
        if layout.bufferMinutes < 0 || (admission && layout.bufferMinutes > 240) {
            errors.append(.init("bufferMinutes", "must be between 0 and 240"))
        }
        if layout.tables.isEmpty { errors.append(.init("tables", "at least one table is required")) }
        if admission && layout.tables.count > maxTables { errors.append(.init("tables", "at most \(maxTables) tables")) }

        var tableIDs: Set<String> = []
        for (index, table) in layout.tables.enumerated() {
            let path = "tables[\(index)]"
            if table.id.isEmpty || (admission && table.id.count > 64) {
                errors.append(.init("\(path).id", "must be 1 to 64 characters"))
            } else if !tableIDs.insert(table.id).inserted {
                errors.append(.init("\(path).id", "duplicate table id \"\(table.id)\""))
            }
            checkCovers(min: table.min, max: table.max, path: path, admission: admission, into: &errors)
        }

        var combinationIDs: Set<String> = []
        var memberSets: [Set<String>: String] = [:]
        for (index, combination) in layout.combinations.enumerated() {
            let path = "combinations[\(index)]"
            if combination.id.isEmpty || (admission && combination.id.count > 64) {
                errors.append(.init("\(path).id", "must be 1 to 64 characters"))
            } else if tableIDs.contains(combination.id) || !combinationIDs.insert(combination.id).inserted {
                errors.append(.init("\(path).id", "duplicate id \"\(combination.id)\""))
            }
            if combination.tables.count < 2 {
                errors.append(.init("\(path).tables", "a combination joins at least two tables"))
            }
            var seen: Set<String> = []
            for (memberIndex, member) in combination.tables.enumerated() {
                if !tableIDs.contains(member) {
                    errors.append(.init("\(path).tables[\(memberIndex)]", "unknown table \"\(member)\""))
                } else if !seen.insert(member).inserted {
                    errors.append(.init("\(path).tables[\(memberIndex)]", "table \"\(member)\" is repeated"))
                }
            }
            checkCovers(min: combination.min, max: combination.max, path: path, admission: admission, into: &errors)
            let members = Set(combination.tables)
            if let other = memberSets[members] {
                errors.append(.init("\(path).tables", "same tables as combination \"\(other)\""))
            } else {
                memberSets[members] = combination.id
            }
            let memberMax = combination.tables.compactMap { id in layout.tables.first { $0.id == id }?.max }.max() ?? 0
            if combination.max <= memberMax, errors.isEmpty {
                warnings.append(.init("\(path).max", "seats no more than its largest member (\(memberMax))"))
            }
            let areas = Set(combination.tables.compactMap { id in layout.tables.first { $0.id == id }?.area })
            if areas.count > 1 {
                warnings.append(.init("\(path).tables", "joins tables of different areas: \(areas.sorted().joined(separator: ", "))"))
            }
        }

        checkBands(layout.turnTimes.bands, path: "turnTimes", admission: admission, into: &errors)
        for (index, override) in layout.turnTimes.overrides.enumerated() {
            let path = "turnTimeOverrides[\(index)]"
            if override.from >= override.to { errors.append(.init("\(path).to", "must be after from")) }
            checkBands(override.bands, path: "\(path).turnTimes", admission: admission, into: &errors)
        }

        if layout.services.isEmpty { errors.append(.init("services", "at least one service is required")) }
        var serviceNames: Set<String> = []
        for (index, service) in layout.services.enumerated() {
            let path = "services[\(index)]"
            if service.name.isEmpty { errors.append(.init("\(path).name", "must not be empty")) }
            else if !serviceNames.insert(service.name).inserted {
                errors.append(.init("\(path).name", "duplicate service name \"\(service.name)\""))
            }
            if service.last < service.first { errors.append(.init("\(path).last", "last seating is before first seating")) }
            if let end = service.end, end <= service.first {
                errors.append(.init("\(path).end", "service end must be after first seating"))
            }
            if let slot = service.slotMinutes, slot < 1 || (admission && slot > 240) {
                errors.append(.init("\(path).slotMinutes", "must be between 1 and 240"))
            }
            if service.minParty < 1 { errors.append(.init("\(path).minParty", "must be at least 1")) }
            if service.maxParty < service.minParty { errors.append(.init("\(path).maxParty", "must be at least minParty")) }
            if admission && service.maxParty > maxCovers { errors.append(.init("\(path).maxParty", "must be at most \(maxCovers)")) }
            if let pacing = service.pacing {
                if pacing.intervalMinutes < 1 || (admission && pacing.intervalMinutes > 240) {
                    errors.append(.init("\(path).pacing.intervalMinutes", "must be between 1 and 240"))
                }
                if let covers = pacing.maxCovers, covers < 0 { errors.append(.init("\(path).pacing.maxCovers", "must not be negative")) }
                if let parties = pacing.maxParties, parties < 0 { errors.append(.init("\(path).pacing.maxParties", "must not be negative")) }
            }
        }

        for (index, hold) in layout.holds.enumerated() {
            let path = "holds[\(index)]"
            if hold.from >= hold.to { errors.append(.init("\(path).to", "must be after from")) }
            switch hold.kind {
            case .tables(let tables):
                if tables.isEmpty { errors.append(.init("\(path).tables", "a table hold names at least one table")) }
                for (memberIndex, id) in tables.enumerated() where !tableIDs.contains(id) {
                    errors.append(.init("\(path).tables[\(memberIndex)]", "unknown table \"\(id)\""))
                }
            case .count(let count, let area, let low, let high):
                if count < 1 || (admission && count > maxTables) { errors.append(.init("\(path).count", "must be between 1 and \(maxTables)")) }
                if let low, let high, low > high { errors.append(.init("\(path).minCapacity", "must not exceed maxCapacity")) }
                let matching = layout.tables.filter { table in
                    (area == nil || table.area == area) && table.max >= (low ?? 0) && table.max <= (high ?? Int.max)
                }.count
                if matching < count {
                    warnings.append(.init(path, "only \(matching) tables match, fewer than count \(count): online bookings can never use them in the window"))
                }
            }
        }

        for (index, block) in layout.blocks.enumerated() {
            let path = "blocks[\(index)]"
            if block.tables.isEmpty { errors.append(.init("\(path).tables", "a block names at least one table")) }
            for (memberIndex, id) in block.tables.enumerated() where !tableIDs.contains(id) {
                errors.append(.init("\(path).tables[\(memberIndex)]", "unknown table \"\(id)\""))
            }
            if block.from >= block.to { errors.append(.init("\(path).to", "must be after from")) }
        }

        if let window = layout.bookingWindow {
            if !(0...BookingWindow.maxNoticeMinutes).contains(window.minNoticeMinutes) {
                errors.append(.init("bookingWindow.minNoticeMinutes", "must be between 0 and \(BookingWindow.maxNoticeMinutes)"))
            }
            if !(0...BookingWindow.maxHorizonDays).contains(window.horizonDays) {
                errors.append(.init("bookingWindow.horizonDays", "must be between 0 and \(BookingWindow.maxHorizonDays)"))
            }
        }

        if errors.isEmpty {
            let largest = max(layout.tables.map(\.max).max() ?? 0, layout.combinations.map(\.max).max() ?? 0)
            for (index, service) in layout.services.enumerated() where service.maxParty > largest {
                warnings.append(.init("services[\(index)].maxParty", "\(service.maxParty) exceeds the largest table or combination (\(largest))"))
            }
        }
        return (errors, warnings)
    }

    /// Restaurant ids travel in file names and keys: letters, digits, `-`, `_`, `.`.
    public static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    private static func checkCovers(min: Int, max: Int, path: String, admission: Bool, into errors: inout [LayoutProblem]) {
        if min < 1 { errors.append(.init("\(path).min", "must be at least 1")) }
        if admission && max > maxCovers { errors.append(.init("\(path).max", "must be at most \(maxCovers)")) }
        if min > max { errors.append(.init("\(path).max", "max (\(max)) is below min (\(min))")) }
    }

    private static func checkBands(_ bands: [TurnTimes.Band], path: String, admission: Bool, into errors: inout [LayoutProblem]) {
        if bands.isEmpty { errors.append(.init(path, "at least one band is required")) }
        var previous = 0
        for (index, band) in bands.enumerated() {
            if band.minutes < 1 || (admission && band.minutes > maxMinutes) {
                errors.append(.init("\(path)[\(index)].minutes", "must be between 1 and \(maxMinutes)"))
            }
            if let maxParty = band.maxParty {
                if maxParty <= previous {
                    errors.append(.init("\(path)[\(index)].maxParty", "bands overlap: maxParty must increase (previous \(previous))"))
                }
                previous = maxParty
            } else if index != bands.count - 1 {
                errors.append(.init("\(path)[\(index)].maxParty", "only the last band may omit maxParty"))
            }
        }
    }
}
