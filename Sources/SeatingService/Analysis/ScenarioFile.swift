import MaitreJSON
import Seating

/// Reads a `maitre simulate` scenario file (JSON; the format is in docs/analysts.md) into a `Scenario`
/// and its compiled floor. Validated like layouts: every error is a `ProtocolError` naming the
/// path at fault (`reservations.partyMix[2].weight`).
///
/// Files the scenario names (`layout` as a path, `reservations.requests`) are read through
/// `load`, with paths relative to the scenario file's directory.
public enum ScenarioFile {
    public static func parse(_ bytes: [UInt8], load: (String) throws -> [UInt8]) throws -> (scenario: Scenario, floor: Floor) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw ProtocolError(.invalidJSON, "malformed JSON: \(error)")
        }
        let fields = try Fields(value)
        let floor = try layout(fields, load: load)
        let date = try fields.date("date", required: true)!
        var scenario = Scenario(name: try fields.string("name", maxLength: 200) ?? floor.layout.name, date: date)
        if let reservations = try fields.object("reservations") {
            scenario.reservations = try self.reservations(reservations, floor: floor, load: load)
        }
        if let walkIns = try fields.object("walkIns") {
            scenario.walkIns = try self.walkIns(walkIns)
            scenario.walkInsSmallestFit = try walkIns.bool("smallestFit") ?? false
        }
        if let dining = try fields.object("dining") { scenario.dining = try self.dining(dining) }
        if let revenue = try fields.object("revenue") {
            scenario.revenuePerCover = try revenue.double("perCover", in: 0...1_000_000) ?? 0
            if let bands = try revenue.objects("perParty", maxCount: 100) {
                scenario.revenuePerParty = try self.bands(bands, value: "amount", in: 0...10_000_000, path: revenue.child("perParty"))
            }
        }
        if scenario.reservations == nil && scenario.walkIns == nil {
            throw ProtocolError.invalid("reservations", "a scenario needs reservations, walkIns or both")
        }
        return (scenario, floor)
    }

    static func layout(_ fields: Fields, load: (String) throws -> [UInt8]) throws -> Floor {
        let bytes: [UInt8]
        switch fields.value["layout"] {
        case .string(let path)?:
            do { bytes = try load(path) } catch { throw ProtocolError.invalid("layout", "cannot read \(path): \(error)") }
        case .object?:
            bytes = Array(JSONWriter.string(fields.value["layout"]!).utf8)
        case nil:
            throw ProtocolError.invalid("layout", "is required (a layout file's path, or the layout itself)")
        case let other?:
            throw ProtocolError.invalid("layout", "must be a path or a layout object, not \(other.typeDescription)")
        }
        switch LayoutCheck.compile(bytes) {
        case .success(let floor): return floor
        case .failure(let failure):
            throw ProtocolError(.invalidLayout, failure.error.message, field: "layout" + (failure.error.field.map { "." + $0 } ?? ""))
        }
    }

    static func reservations(_ fields: Fields, floor: Floor, load: (String) throws -> [UInt8]) throws -> Scenario.Reservations {
        let cancellation = try fields.double("cancellationRate", in: 0...1) ?? 0
        let noShow = try fields.double("noShowRate", in: 0...1) ?? 0
        let flexibility = try fields.int("flexibility", in: 0...720) ?? 30
        if let path = try fields.string("requests", maxLength: 4_096) {
            let bytes: [UInt8]
            do { bytes = try load(path) } catch { throw ProtocolError.invalid(fields.child("requests"), "cannot read \(path): \(error)") }
            var requests: [Scenario.ExplicitRequest] = []
            var lineNumber = 0
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                lineNumber += 1
                guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { continue }
                let path = "\(fields.child("requests")):\(lineNumber)"
                let value: JSONValue
                do { value = try JSONParser.parse(line) } catch { throw ProtocolError.invalid(path, "malformed JSON: \(error)") }
                let request = try Fields(value, path: path)
                let time = try request.time("time", required: true)!
                let lead = try request.int("leadMinutes", in: 0...(366 * 1_440)) ?? 1_440
                requests.append(Scenario.ExplicitRequest(
                    id: try request.string("id", maxLength: 64) ?? "r\(requests.count + 1)",
                    requestedAt: try request.time("requestedAt") ?? time - lead, time: time,
                    party: try request.requiredInt("party", in: 1...floor.largestUnit.advanced(by: 100)),
                    flexibility: try request.int("flexibility", in: 0...720) ?? flexibility))
            }
            return Scenario.Reservations(source: .explicit(requests), cancellationRate: cancellation, noShowRate: noShow)
        }
        let count = try fields.requiredInt("count", in: 0...100_000)
        let hours = try weighted(fields, "hours", key: "hour", range: 0...47)
        let mix = try weighted(fields, "partyMix", key: "party", range: 1...1_000)
        var lead = 60...(14 * 1_440)
        if let range = try fields.object("leadMinutes") {
            let low = try range.int("min", in: 0...(366 * 1_440)) ?? 60
            let high = try range.int("max", in: 0...(366 * 1_440)) ?? max(low, 14 * 1_440)
            guard low <= high else { throw ProtocolError.invalid(range.child("max"), "must be at least min") }
            lead = low...high
        }
        return Scenario.Reservations(
            source: .generated(Scenario.GeneratedReservations(count: count, hourWeights: hours.map { ($0.0, $0.1) },
                                                              partyMix: mix.map { ($0.0, $0.1) }, leadMinutes: lead,
                                                              flexibility: flexibility)),
            cancellationRate: cancellation, noShowRate: noShow)
    }

    static func walkIns(_ fields: Fields) throws -> Scenario.WalkIns {
        let patience = try fields.int("patience", in: 0...600) ?? 0
        var rates: [(hour: Int, party: Int, perHour: Double)] = []
        if let given = try fields.objects("rates", maxCount: 10_000) {
            for rate in given {
                rates.append((try rate.requiredInt("hour", in: 0...47), try rate.requiredInt("party", in: 1...1_000),
                              try rate.double("perHour", in: 0...10_000) ?? 0))
            }
        } else {
            let totals = try weighted(fields, "perHour", key: "hour", range: 0...47, weight: "rate")
            let mix = try weighted(fields, "partyMix", key: "party", range: 1...1_000)
            let mixTotal = mix.reduce(0) { $0 + $1.1 }
            for (hour, total) in totals {
                for (party, weight) in mix where mixTotal > 0 { rates.append((hour, party, total * weight / mixTotal)) }
            }
        }
        return Scenario.WalkIns(rates: rates, patience: patience)
    }

    static func dining(_ fields: Fields) throws -> Scenario.Dining {
        let model = try fields.string("model", maxLength: 32) ?? "turnTime"
        func means(_ key: String) throws -> [Scenario.Band] {
            guard let bands = try fields.objects(key, required: true, maxCount: 100) else { return [] }
            return try self.bands(bands, value: "minutes", in: 1...1_440, path: fields.child(key))
        }
        switch model {
        case "turnTime": return .turnTime
        case "fixed": return .fixed(try means("minutes"))
        case "exponential": return .exponential(mean: try means("mean"))
        case "lognormal":
            return .lognormal(mean: try means("mean"), sigma: try fields.double("sigma", in: 0...3) ?? 0.3)
        default:
            throw ProtocolError.invalid(fields.child("model"), "must be turnTime, fixed, exponential or lognormal, not \"\(model)\"")
        }
    }

    /// Bands by party size (`maxParty` increasing, only the last may omit it), each with `value`.
    static func bands(_ items: [Fields], value key: String, in range: ClosedRange<Double>, path: String) throws -> [Scenario.Band] {
        var bands: [Scenario.Band] = []
        var previous = 0
        for (index, item) in items.enumerated() {
            let maxParty = try item.int("maxParty", in: 1...1_000)
            if let maxParty {
                guard maxParty > previous else { throw ProtocolError.invalid(item.child("maxParty"), "must increase from band to band") }
                previous = maxParty
            } else if index != items.count - 1 {
                throw ProtocolError.invalid(item.child("maxParty"), "only the last band may omit maxParty")
            }
            guard let amount = try item.double(key, in: range) else { throw ProtocolError.invalid(item.child(key), "is required") }
            bands.append(Scenario.Band(maxParty: maxParty, value: amount))
        }
        if bands.isEmpty { throw ProtocolError.invalid(path, "needs at least one band") }
        return bands
    }

    /// `[{key: n, weight: w}, ...]` with at least one positive weight.
    static func weighted(_ fields: Fields, _ name: String, key: String, range: ClosedRange<Int>, weight: String = "weight") throws -> [(Int, Double)] {
        guard let items = try fields.objects(name, required: true, maxCount: 1_000) else { return [] }
        var result: [(Int, Double)] = []
        for item in items {
            result.append((try item.requiredInt(key, in: range), try item.double(weight, in: 0...1_000_000) ?? 0))
        }
        guard result.contains(where: { $0.1 > 0 }) else { throw ProtocolError.invalid(fields.child(name), "needs a positive \(weight)") }
        return result
    }
}
