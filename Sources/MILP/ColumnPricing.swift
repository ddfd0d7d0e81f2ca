import CGLPK

/// Column generation for a relaxation GLPK solves: some columns are held at zero (fixed, so
/// GLPK's simplex leaves them out of its working problem), and after each optimum those whose
/// reduced cost would improve it are released, until none would.
///
/// Invariants: only columns whose lower bound is exactly zero are held (zero is then a valid
/// nonbasic value for them, so releasing one keeps the basis primal feasible); after `releaseAll`
/// every column has its model bounds again. When no held column prices out, the restricted optimum
/// is an optimum of the whole relaxation: every left-out column has a reduced cost that cannot
/// improve it, at a nonbasic value of zero.
struct ColumnPricing {
    /// A held column (1-based) and the bounds it gets back.
    private struct Held {
        var column: Int32
        var type: Int32
        var lower: Double
        var upper: Double
    }

    private var held: [Held] = []
    private let minimize: Bool

    /// Holds `columns` (0-based) of `p` at zero; columns with a lower bound other than zero stay free.
    init(_ p: OpaquePointer, columns: [Int]) {
        minimize = glp_get_obj_dir(p) == GLP_MIN
        let count = Int(glp_get_num_cols(p))
        for column in Set(columns).sorted() where column >= 0 && column < count {
            let j = Int32(column + 1)
            let type = glp_get_col_type(p, j)
            guard type == GLP_LO || type == GLP_DB, glp_get_col_lb(p, j) == 0 else { continue }
            held.append(Held(column: j, type: type, lower: 0, upper: glp_get_col_ub(p, j)))
            glp_set_col_bnds(p, j, GLP_FX, 0, 0)
        }
    }

    /// Releases every held column whose reduced cost at the current optimal basis would improve the
    /// objective (raising it from zero); returns how many were released.
    mutating func releaseImproving(_ p: OpaquePointer) -> Int {
        let rows = Int(glp_get_num_rows(p))
        var duals = [0.0]
        duals.reserveCapacity(rows + 1)
        for i in stride(from: 1, through: rows, by: 1) { duals.append(glp_get_row_dual(p, Int32(i))) }
        var indices = [Int32](repeating: 0, count: rows + 1)
        var values = [Double](repeating: 0, count: rows + 1)
        let before = held.count
        held.removeAll { column in
            let cost = glp_get_obj_coef(p, column.column)
            let length = Int(glp_get_mat_col(p, column.column, &indices, &values))
            var reduced = cost
            for k in stride(from: 1, through: length, by: 1) { reduced -= values[k] * duals[Int(indices[k])] }
            let gain = minimize ? -reduced : reduced
            guard gain > 1e-7 * (1 + abs(cost)) else { return false }
            glp_set_col_bnds(p, column.column, column.type, column.lower, column.upper)
            return true
        }
        return before - held.count
    }

    /// Gives every held column its bounds back.
    mutating func releaseAll(_ p: OpaquePointer) {
        for column in held { glp_set_col_bnds(p, column.column, column.type, column.lower, column.upper) }
        held.removeAll()
    }
}
