/// What a replay's book answers added up to: parties seated, their covers, those seated by moving
/// other bookings, and refusals.
struct BookingTally {
    var seated = 0, covers = 0, withMoves = 0, refused = 0

    /// Counts one book answer (a response line) for a party of `party`.
    mutating func record(_ answer: String, party: Int) {
        guard answer.contains(#""ok":true"#) else {
            refused += 1
            return
        }
        seated += 1
        covers += party
        if answer.contains(#""moved":[{"#) { withMoves += 1 }
    }
}
