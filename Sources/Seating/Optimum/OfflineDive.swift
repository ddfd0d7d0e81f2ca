/// Diving on the offline program's relaxation: round a batch of fractional choices up (as lower
/// bounds the relaxation must keep), re-optimise, and repeat until the relaxation is integral or
/// time is up. One rounding of the root relaxation decides every fraction at once from one vertex
/// (on a dense floor, 280 of them carrying half the covers); a dive decides a share of them (a
/// sixth, say) at a time and lets the relaxation re-balance the rest around them, which on dense
/// floors finds plans within a cover or two of the bound where roundings of the root stay ten
/// short (docs/offline-optimum.md).
///
/// Invariants: each batch is the largest fractions that fit on top of the relaxation's whole parts
/// (checked by `OfflinePacking`), so the raised bounds are always met together by some plan and the
/// relaxation never becomes infeasible; bounds are only raised, to whole numbers, each past its
/// column's current value, so the sum of lower bounds grows every step and a dive ends (bounded by
/// the upper bounds) even without `mayStep`. Deterministic: the same relaxation and answers to
/// `raise` give the same dive (ties by column).
enum OfflineDive {
    /// The dives `OfflineOptimum` tries in turn, each rounding up this share (one in n) of the
    /// fractional choices per step (at least one): different shares end in different plans. Alone,
    /// 4, 5, 6 and 8 measured alike on dense floors (2 and 3 worse: coarser roundings); in turn,
    /// within 1 s, every one of ten 50-table dense floors ends at its optimum, 8 of 10 with one dive.
    static let divisors = [6, 4, 8, 3, 10, 5]

    /// Dives from `values` (one per column of `program.linear`). `raise` sets lower bounds on
    /// columns and returns the re-optimised relaxation (nil when it could not: the dive stops);
    /// `mayStep` says whether there is time for another step. Returns the last relaxation reached.
    static func dive(program: OfflineProgram, from values: [Double], divisor: Int,
                     raise: ([(column: Int, lower: Double)]) -> [Double]?, mayStep: () -> Bool) -> [Double] {
        var current = values
        while mayStep() {
            let relaxed = program.choices.map { $0.map { current[$0.variable.index] } }
            var packing = OfflinePacking(program: program, wholePartsOf: relaxed)
            let fractional = OfflinePacking.fractions(of: relaxed).map { entry in
                (fraction: entry.fraction, type: entry.type, choice: entry.choice,
                 column: program.choices[entry.type][entry.choice].variable.index)
            }.sorted { ($0.fraction, -$0.column) > ($1.fraction, -$1.column) }
            guard !fractional.isEmpty else { break }
            let wanted = max(1, fractional.count / max(1, divisor))
            var batch: [(column: Int, lower: Double)] = []
            for (_, type, choice, column) in fractional where batch.count < wanted && packing.fits(type, choice) {
                packing.add(type, choice)
                batch.append((column, Double(packing.counts[type][choice])))
            }
            guard !batch.isEmpty, let next = raise(batch) else { break }
            current = next
        }
        return current
    }
}
