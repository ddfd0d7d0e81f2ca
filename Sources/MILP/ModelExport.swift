import CGLPK

/// Writes a `LinearModel` in a format other solvers read, so any answer can be checked elsewhere.
///
/// Invariant: the model is validated first; the file is written by GLPK's own writers.
public enum ModelExport {
    /// File formats GLPK writes.
    public enum Format: String, Sendable, CaseIterable {
        /// CPLEX LP format.
        case lp
        /// Fixed-free MPS format.
        case mps
    }

    /// Writes `model` to `path` in `format`.
    public static func write(_ model: LinearModel, format: Format, to path: String) throws(MILPError) {
        try model.validate()
        _ = glp_term_out(GLP_OFF)
        let problem = GLPKProblem(model)
        defer { problem.free() }
        let code: Int32 = switch format {
        case .lp: glp_write_lp(problem.pointer, nil, path)
        case .mps: glp_write_mps(problem.pointer, GLP_MPS_FILE, nil, path)
        }
        guard code == 0 else { throw .writeFailed("GLPK could not write \(path)") }
    }
}
