import Dispatch
import MILP
import Synchronization

/// Relaxation-induced neighbourhood search (after RINS, Danna, Rothberg and Le Pape 2005) on the
/// offline program: choices where the best plan and the root relaxation agree are fixed at that
/// count, and the rest is solved as an integer program of its own (GLPK's presolver drops the fixed
/// columns) that must seat at least one cover more. Two neighbourhoods (`Fixing`) are searched at
/// once, one thread each: on dense floors where the dives and roundings stop a cover or two short,
/// one or the other finds the optimum within seconds where branch-and-bound did not in ten (docs/offline-optimum.md).
///
/// Invariants: a plan returned packs (`OfflinePacking(program:counts:)`, the same check as every
/// other plan) and seats more covers than `plan`; nil otherwise. A sub-problem is the program's
/// own rows with tighter column bounds and one more row (covers above the plan's), so any plan it
/// finds is a plan of the program. The result is the better of the two searches' plans (the
/// general-integer one's on a tie); only the clock makes it vary (how far each search gets, and
/// when one that reaches the bound stops the other).
enum OfflineNeighbourhood {
    /// Which agreeing choices a neighbourhood fixes. Neither rule wins on every floor (measured on
    /// dense floors at a 10 s cap: seeds 14 and 18 need `generalIntegers`, seeds 3, 7 and 11
    /// `seated`), and the one that fails can take its whole time to say so; hence both at once.
    enum Fixing: CaseIterable, Sendable {
        /// The general-integer choices (a capacity class, or a type of several requests), at any
        /// count; the binary ones (one request on one table or combination) stay free.
        case generalIntegers
        /// The choices the plan uses (count above zero), binary or not; unused ones stay free.
        case seated

        /// Whether the neighbourhood fixes `variable`, which the plan uses `count` times (when the
        /// relaxation agrees).
        func fixes(_ program: OfflineProgram, _ variable: LinearModel.Variable, count: Int) -> Bool {
            switch self {
            case .generalIntegers: program.linear.columns[variable.index].kind != .binary
            case .seated: count > 0
            }
        }
    }

    /// The better plan of both neighbourhoods (`Fixing.allCases`), searched at once within
    /// `milliseconds` of wall time (one after the other, each with what is left, where there is
    /// one core); nil when neither finds a better plan than `plan` in time. A plan that reaches
    /// `bound` (the most covers any plan can seat) stops the other search: nothing can beat it.
    static func search(program: OfflineProgram, plan: OfflinePacking, relaxed: [Double], bound: Int,
                       milliseconds: Int) -> OfflinePacking? {
        guard milliseconds > 0 else { return nil }
        let window = SolveDeadline(milliseconds: milliseconds)
        let found = Mutex<[OfflinePacking?]>(Array(repeating: nil, count: Fixing.allCases.count))
        let done = StopSignal()
        DispatchQueue.concurrentPerform(iterations: Fixing.allCases.count) { index in
            guard !done.raised else { return }
            let better = search(program: program, plan: plan, relaxed: relaxed, fixing: Fixing.allCases[index],
                                milliseconds: window.remainingMilliseconds, stop: done.isRaised)
            if let better, better.covers >= bound { done.raise() }
            found.withLock { $0[index] = better }
        }
        return found.withLock { plans in
            plans.compactMap { $0 }.reduce(nil) { best, next in
                guard let best else { return next }
                return next.isBetter(than: best) ? next : best
            }
        }
    }

    /// A better plan than `plan` among those that keep every choice `fixing` fixes on which `plan`
    /// and `relaxed` (one value per column of `program.linear`) agree, within `milliseconds` or
    /// until `stop` says so; nil when none is found by then or none exists.
    static func search(program: OfflineProgram, plan: OfflinePacking, relaxed: [Double], fixing: Fixing,
                       milliseconds: Int, stop: (@Sendable () -> Bool)? = nil) -> OfflinePacking? {
        guard milliseconds > 0 else { return nil }
        var model = program.linear
        var covers: [(variable: LinearModel.Variable, coefficient: Double)] = []
        for (type, row) in program.choices.enumerated() {
            for (choice, entry) in row.enumerated() {
                let count = plan.counts[type][choice]
                covers.append((entry.variable, Double(program.types[type].party)))
                if fixing.fixes(program, entry.variable, count: count), OfflinePacking.split(relaxed[entry.variable.index]) == (count, 0) {
                    model.setBounds(entry.variable, lower: Double(count), upper: Double(count))
                }
            }
        }
        model.addRow(name: "better", covers, lower: Double(plan.covers + 1))
        let options = SolveOptions(timeLimitMilliseconds: milliseconds, presolve: true, cuts: .gomory, branching: .mostFractional,
                                   strictTimeLimit: true, stop: stop)
        guard let solution = try? MILPSolver().solve(model, options: options), solution.hasSolution,
              let found = OfflinePacking(program: program, counts: program.counts(solution)), found.covers > plan.covers else { return nil }
        return found
    }

    /// A flag one search raises to stop the others (read from GLPK's callbacks on other threads).
    private final class StopSignal: Sendable {
        private let flag = Atomic<Bool>(false)
        var raised: Bool { flag.load(ordering: .acquiring) }
        func raise() { flag.store(true, ordering: .releasing) }
        /// `raised`, as a closure for `SolveOptions.stop`.
        var isRaised: @Sendable () -> Bool { { [self] in raised } }
    }
}
