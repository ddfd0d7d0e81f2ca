#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One replication's demand, drawn once and shown to every policy (common random numbers): the
/// policies differ only in how they seat the same parties.
///
/// Invariants: `Demand.draw` is a pure function of (scenario, floor, seed); every party's fate
/// (cancels when, no-show or not, how long it dines) is drawn here, never by a policy.
public struct Demand: Sendable, Equatable {
    public struct Reservation: Sendable, Equatable {
        public var id: String
        /// When the request is made (service-day minutes; negative: days before).
        public var requestedAt: Int
        /// The time the guest wants.
        public var time: Int
        public var party: Int
        public var flexibility: Int
        /// Minutes after booking at which the booking is cancelled (a share of the way from
        /// booking to its start), or nil.
        public var cancelShare: Double?
        public var noShow: Bool
        /// Minutes the party actually dines once seated.
        public var dining: Int
    }

    public struct WalkIn: Sendable, Equatable {
        public var id: String
        public var time: Int
        public var party: Int
        public var dining: Int
    }

    public var reservations: [Reservation]
    public var walkIns: [WalkIn]

    public static func draw(scenario: Scenario, floor: Floor, seed: UInt64) -> Demand {
        var rng = SeededRandom(seed: seed)
        let weekday = scenario.date.weekday
        func dining(party: Int, at time: Int) -> Int {
            let turn = floor.layout.turnTimes.minutes(party: party, weekday: weekday, start: time)
            let minutes: Double
            switch scenario.dining {
            case .turnTime: minutes = Double(turn)
            case .fixed(let bands): minutes = Scenario.Band.lookup(bands, party: party) ?? Double(turn)
            case .exponential(let bands):
                let mean = Scenario.Band.lookup(bands, party: party) ?? Double(turn)
                minutes = -mean * log(1 - Double.random(in: 0..<1, using: &rng))
            case .lognormal(let bands, let sigma):
                let mean = Scenario.Band.lookup(bands, party: party) ?? Double(turn)
                let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
                let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
                minutes = exp(log(mean) - sigma * sigma / 2 + sigma * z)
            }
            return max(5, min(12 * 60, Int(minutes.rounded())))
        }

        var reservations: [Reservation] = []
        if let demand = scenario.reservations {
            var requests: [Scenario.ExplicitRequest] = []
            switch demand.source {
            case .explicit(let given): requests = given
            case .generated(let parameters):
                for index in 0..<parameters.count {
                    let hour = pick(parameters.hourWeights.map { ($0.hour, $0.weight) }, using: &rng) ?? 19
                    let time = hour * 60 + 15 * Int.random(in: 0..<4, using: &rng)
                    let party = pick(parameters.partyMix.map { ($0.party, $0.weight) }, using: &rng) ?? 2
                    let lead = Int.random(in: parameters.leadMinutes, using: &rng)
                    requests.append(Scenario.ExplicitRequest(id: "r\(index + 1)", requestedAt: time - lead, time: time, party: party,
                                                             flexibility: parameters.flexibility))
                }
            }
            for request in requests {
                let cancels = Double.random(in: 0..<1, using: &rng) < demand.cancellationRate
                let share = Double.random(in: 0..<1, using: &rng)
                let noShow = !cancels && Double.random(in: 0..<1, using: &rng) < demand.noShowRate
                reservations.append(Reservation(id: request.id, requestedAt: request.requestedAt, time: request.time, party: request.party,
                                                flexibility: request.flexibility, cancelShare: cancels ? share : nil, noShow: noShow,
                                                dining: dining(party: request.party, at: request.time)))
            }
        }

        var walkIns: [WalkIn] = []
        if let demand = scenario.walkIns {
            var arrivals: [(time: Int, party: Int)] = []
            for rate in demand.rates where rate.perHour > 0 {
                var clock = Double(rate.hour * 60)
                while true {
                    clock += -60 / rate.perHour * log(1 - Double.random(in: 0..<1, using: &rng))
                    guard clock < Double(rate.hour * 60 + 60) else { break }
                    arrivals.append((Int(clock), rate.party))
                }
            }
            arrivals.sort { ($0.time, $0.party) < ($1.time, $1.party) }
            for (index, arrival) in arrivals.enumerated() {
                walkIns.append(WalkIn(id: "w\(index + 1)", time: arrival.time, party: arrival.party,
                                      dining: dining(party: arrival.party, at: arrival.time)))
            }
        }
        return Demand(reservations: reservations, walkIns: walkIns)
    }

    /// A value drawn with probability proportional to its weight; nil when every weight is 0.
    static func pick(_ choices: [(Int, Double)], using rng: inout SeededRandom) -> Int? {
        let total = choices.reduce(0) { $0 + max(0, $1.1) }
        guard total > 0 else { return nil }
        var roll = Double.random(in: 0..<total, using: &rng)
        for choice in choices where choice.1 > 0 {
            roll -= choice.1
            if roll < 0 { return choice.0 }
        }
        return choices.last { $0.1 > 0 }?.0
    }
}
