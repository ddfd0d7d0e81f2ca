/// A demand scenario for `Simulation`: who asks for a table, when, how they dine, what they pay.
///
/// Invariants (checked where scenarios are read): rates and weights are finite and not negative;
/// probabilities in `0...1`; minutes in range; band lists ordered like turn-time bands (increasing
/// `maxParty`, only the last without one).
public struct Scenario: Sendable, Equatable {
    /// A value chosen by party size, like turn-time bands: the first band whose `maxParty` is at
    /// least the party (or has none) applies.
    public struct Band: Sendable, Equatable {
        public var maxParty: Int?
        public var value: Double

        public init(maxParty: Int? = nil, value: Double) {
            self.maxParty = maxParty
            self.value = value
        }

        public static func lookup(_ bands: [Band], party: Int) -> Double? {
            bands.first { $0.maxParty.map { party <= $0 } ?? true }?.value
        }
    }

    /// Reservation requests drawn from parameters, with the scenario's seed.
    public struct GeneratedReservations: Sendable, Equatable {
        /// How many requests.
        public var count: Int
        /// Weight of each hour of the desired time (`hour` in service-day hours, 0...47); the
        /// desired time is then a quarter hour of that hour, uniformly.
        public var hourWeights: [(hour: Int, weight: Double)]
        public var partyMix: [(party: Int, weight: Double)]
        /// How long before the desired time requests are made, uniformly in this range (minutes).
        public var leadMinutes: ClosedRange<Int>
        /// Minutes either side of the desired time the guest accepts; they take the nearest time
        /// offered within it, else they are turned away.
        public var flexibility: Int

        public init(count: Int, hourWeights: [(hour: Int, weight: Double)], partyMix: [(party: Int, weight: Double)],
                    leadMinutes: ClosedRange<Int> = 60...(14 * 24 * 60), flexibility: Int = 30) {
            self.count = count
            self.hourWeights = hourWeights
            self.partyMix = partyMix
            self.leadMinutes = leadMinutes
            self.flexibility = flexibility
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.count == b.count && a.hourWeights.elementsEqual(b.hourWeights, by: { $0 == $1 })
                && a.partyMix.elementsEqual(b.partyMix, by: { $0 == $1 }) && a.leadMinutes == b.leadMinutes
                && a.flexibility == b.flexibility
        }
    }

    /// One reservation request given explicitly (times in service-day minutes; `requestedAt` may
    /// be negative: before the service day began).
    public struct ExplicitRequest: Sendable, Equatable {
        public var id: String
        public var requestedAt: Int
        public var time: Int
        public var party: Int
        public var flexibility: Int

        public init(id: String, requestedAt: Int, time: Int, party: Int, flexibility: Int) {
            self.id = id
            self.requestedAt = requestedAt
            self.time = time
            self.party = party
            self.flexibility = flexibility
        }
    }

    public enum ReservationSource: Sendable, Equatable {
        case generated(GeneratedReservations)
        case explicit([ExplicitRequest])
    }

    public struct Reservations: Sendable, Equatable {
        public var source: ReservationSource
        /// Share of bookings cancelled, at a uniform time between booking and the booked start.
        public var cancellationRate: Double
        /// Share of bookings (not cancelled) whose party never comes.
        public var noShowRate: Double

        public init(source: ReservationSource, cancellationRate: Double = 0, noShowRate: Double = 0) {
            self.source = source
            self.cancellationRate = cancellationRate
            self.noShowRate = noShowRate
        }
    }

    /// Walk-ins: a Poisson process per party size and hour.
    public struct WalkIns: Sendable, Equatable {
        /// Arrivals per hour of parties of `party` during `hour` (service-day hours).
        public var rates: [(hour: Int, party: Int, perHour: Double)]
        /// Minutes a party waits for a quoted table; 0: it leaves at once when nothing is free.
        public var patience: Int

        public init(rates: [(hour: Int, party: Int, perHour: Double)], patience: Int) {
            self.rates = rates
            self.patience = patience
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.patience == b.patience && a.rates.elementsEqual(b.rates, by: { $0 == $1 })
        }
    }

    /// How long parties actually dine.
    public enum Dining: Sendable, Equatable {
        /// The layout's turn time.
        case turnTime
        case fixed([Band])
        case exponential(mean: [Band])
        /// Log-normal with this mean (minutes) and `sigma` (the spread of the logarithm).
        case lognormal(mean: [Band], sigma: Double)
    }

    public var name: String
    public var date: ServiceDate
    public var reservations: Reservations?
    public var walkIns: WalkIns?
    public var dining: Dining
    /// Revenue per cover, or per party by size (bands); per-party wins when given.
    public var revenuePerCover: Double
    public var revenuePerParty: [Band]
    /// Walk-ins take the smallest free table that fits (the table-mix literature's rule) rather
    /// than the policy's choice.
    public var walkInsSmallestFit: Bool

    public init(name: String, date: ServiceDate, reservations: Reservations? = nil, walkIns: WalkIns? = nil,
                dining: Dining = .turnTime, revenuePerCover: Double = 0, revenuePerParty: [Band] = [],
                walkInsSmallestFit: Bool = false) {
        self.name = name
        self.date = date
        self.reservations = reservations
        self.walkIns = walkIns
        self.dining = dining
        self.revenuePerCover = revenuePerCover
        self.revenuePerParty = revenuePerParty
        self.walkInsSmallestFit = walkInsSmallestFit
    }

    /// The revenue of a party of `party` that dined.
    public func revenue(party: Int) -> Double {
        Band.lookup(revenuePerParty, party: party) ?? revenuePerCover * Double(party)
    }
}

extension Scenario {
    /// The minutes of the day whose seats the scenario's demand can use, for RevPASH: from the
    /// first to the last window (`Floor.window(of:)`) of the day's services that some demand falls
    /// in (a generated request's hour, an explicit request's time, a walk-in rate's hour); all of the
    /// day's services when none does. A dinner-only scenario on a day with lunch counts dinner's hours.
    public func seatHours(floor: Floor) -> (from: Int, to: Int) {
        var spans: [(Int, Int)] = []
        switch reservations?.source {
        case .generated(let generated)?:
            spans += generated.hourWeights.filter { $0.weight > 0 }.map { ($0.hour * 60, $0.hour * 60 + 60) }
        case .explicit(let requests)?:
            spans += requests.map { ($0.time, $0.time + 1) }
        case nil:
            break
        }
        spans += (walkIns?.rates ?? []).filter { $0.perHour > 0 }.map { ($0.hour * 60, $0.hour * 60 + 60) }
        let services = floor.layout.services.filter { $0.runs(on: date.weekday) }
        let used = services.filter { service in
            let window = floor.window(of: service)
            return spans.contains { $0.0 < window.to && window.from < $0.1 }
        }
        let windows = (used.isEmpty ? services : used).map { floor.window(of: $0) }
        return (windows.map(\.from).min() ?? 0, windows.map(\.to).max() ?? 60)
    }
}
