/// How long a party keeps its table, by party size, weekday and start time.
///
/// Invariants: `bands` is non-empty, `maxParty` strictly increases along the bands and only the
/// last band may omit it (it catches every larger party); every duration is positive. The first
/// override whose `days` contain the weekday (or that has no `days`) and whose `[from, to)` contains the start wins.
///
/// ```swift
/// let turns = TurnTimes(bands: [.init(maxParty: 2, minutes: 75), .init(minutes: 120)])
/// turns.minutes(party: 2, weekday: .tue, start: 19 * 60)   // 75
/// turns.minutes(party: 6, weekday: .tue, start: 19 * 60)   // 120
/// ```
public struct TurnTimes: Sendable, Equatable, Codable {
    /// A party-size band: parties up to `maxParty` (or any size, when nil) sit `minutes`.
    public struct Band: Sendable, Equatable, Codable {
        public var maxParty: Int?
        public var minutes: Int
        public init(maxParty: Int? = nil, minutes: Int) {
            self.maxParty = maxParty
            self.minutes = minutes
        }
    }

    /// Bands that replace the default ones on some weekdays during `[from, to)`.
    public struct Override: Sendable, Equatable, Codable {
        public var days: Set<Weekday>
        public var from: Int
        public var to: Int
        public var bands: [Band]
        /// Whether the override runs on `weekday`: an override without `days` runs every day,
        /// as services and holds do.
        public func applies(on weekday: Weekday) -> Bool { days.isEmpty || days.contains(weekday) }

        public init(days: Set<Weekday>, from: Int, to: Int, bands: [Band]) {
            self.days = days
            self.from = from
            self.to = to
            self.bands = bands
        }
    }

    /// Defaults used when a layout gives no turn times.
    public static let defaultBands: [Band] = [
        Band(maxParty: 2, minutes: 75), Band(maxParty: 4, minutes: 90), Band(maxParty: 6, minutes: 105),
        Band(minutes: 120),
    ]

    public var bands: [Band]
    public var overrides: [Override]

    public init(bands: [Band] = TurnTimes.defaultBands, overrides: [Override] = []) {
        self.bands = bands
        self.overrides = overrides
    }

    /// The turn time in minutes of a party starting at `start` on `weekday`.
    public func minutes(party: Int, weekday: Weekday, start: Int) -> Int {
        let chosen = overrides.first { $0.applies(on: weekday) && $0.from <= start && start < $0.to }?.bands ?? bands
        return Self.lookup(chosen, party: party)
    }

    /// The default bands' minutes for `party`, overrides ignored (figures of a layout without a day).
    public func defaultMinutes(party: Int) -> Int { Self.lookup(bands, party: party) }

    /// The longest turn time any party gets, overrides included.
    public var longestMinutes: Int {
        (bands + overrides.flatMap(\.bands)).map(\.minutes).max() ?? 0
    }

    static func lookup(_ bands: [Band], party: Int) -> Int {
        for band in bands where band.maxParty.map({ party <= $0 }) ?? true {
            return band.minutes
        }
        return bands.last?.minutes ?? 90
    }
}
