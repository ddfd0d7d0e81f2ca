import MILP

/// Relaxation-induced neighbourhood search (after RINS, Danna, Rothberg and Le Pape 2005) on the
/// offline program: every general-integer choice (a capacity class, or a type of several requests)
/// where the best plan and the root relaxation agree is fixed at that count, and the rest is solved
/// as an integer program of its own (GLPK's presolver drops the fixed columns) that must seat at
/// least one cover more. On dense floors where the dives and roundings stop a cover or two short, it
/// finds the optimum within seconds where branch-and-bound did not in ten (README).
///
/// Invariants: a plan returned packs (`OfflinePacking(program:counts:)`, the same check as every
/// other plan) and seats more covers than `plan`; nil otherwise. The sub-problem is the program's
/// own rows with tighter column bounds and one more row (covers above the plan's), so any plan it
/// finds is a plan of the program.
enum OfflineNeighbourhood {
    /// A better plan than `plan` among those that keep every fixable choice on which `plan` and `relaxed`
    /// (one value per column of `program.linear`) agree, within `milliseconds`; nil when none is
    /// found in time or none exists.
    static func search(program: OfflineProgram, plan: OfflinePacking, relaxed: [Double], milliseconds: Int) -> OfflinePacking? {
        guard milliseconds > 0 else { return nil }
        var model = program.linear
        var covers: [(variable: LinearModel.Variable, coefficient: Double)] = []
        for (type, row) in program.choices.enumerated() {
            for (choice, entry) in row.enumerated() {
                let count = plan.counts[type][choice]
                covers.append((entry.variable, Double(program.types[type].party)))
                if fixes(program, entry.variable), OfflinePacking.split(relaxed[entry.variable.index]) == (count, 0) {
                    model.setBounds(entry.variable, lower: Double(count), upper: Double(count))
                }
            }
        }
        model.addRow(name: "better", covers, lower: Double(plan.covers + 1))
        let options = SolveOptions(timeLimitMilliseconds: milliseconds, presolve: true, cuts: .gomory, branching: .mostFractional,
                                   strictTimeLimit: true)
        guard let solution = try? MILPSolver().solve(model, options: options), solution.hasSolution,
              let found = OfflinePacking(program: program, counts: program.counts(solution)), found.covers > plan.covers else { return nil }
        return found
    }

    /// Whether the neighbourhood may fix a choice: the general-integer ones (a capacity class, or a
    /// type of several requests), not the binary ones (one request on one table or combination):
    /// with every agreeing binary choice fixed too (the classic RINS) the neighbourhood is a few
    /// dozen columns and rarely holds a better plan (measured: dense seeds 14 and 18 stay a cover
    /// short; README).
    static func fixes(_ program: OfflineProgram, _ variable: LinearModel.Variable) -> Bool {
        program.linear.columns[variable.index].kind != .binary
    }
}
