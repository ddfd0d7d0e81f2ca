/// Whether one version of a restaurant-day is at least as tight as another for every whole-day
/// re-assignment question, so that a proof that no re-assignment seats a party on the older day
/// still holds on the newer one (`DayVerdicts`).
///
/// The question asks whether the movable bookings (booked, unlocked) can take tables, each on a
/// unit it fits, with the fixed ones (seated, locked, finished, walk-ins) where they are. A newer
/// day is at least as tight when every booking that kept tables on the older day still keeps them
/// over at least the same minutes, with the same party and channel, and either stays movable or is
/// now fixed on the tables it had; when a fixed booking stays fixed on the same tables; and when
/// any other booking is new. Adding bookings, lengthening them and locking them where they sit
/// only take choices away. A movable booking that changed tables (a re-assignment) leaves the
/// question as it was, except that an online booking's own tables decide whether a count hold
/// judges it: so such a move counts as tightening only when neither its old nor its new tables
/// are matched by a count hold of that weekday. Anything else (a cancel, a no-show, a finish, a
/// shorter stay, a smaller party, another time) may loosen the day.
///
/// Invariants: same floor and date for both days (a layout change is never a tightening: the
/// caller drops what it kept); conservative: `false` whenever in doubt.
///
/// ```swift
/// DayTightening.onlyTightens(from: before, to: afterABook, floor: floor)    // true
/// DayTightening.onlyTightens(from: before, to: afterACancel, floor: floor)  // false
/// ```
public enum DayTightening {
    public static func onlyTightens(from old: DayState, to new: DayState, floor: Floor) -> Bool {
        guard old.date == new.date, old.buffer == new.buffer else { return false }
        let holds = floor.countHolds(on: new.weekday)
        for (id, before) in old.bookings {
            guard let span = old.occupiedSpan(of: before) else { continue }
            guard let after = new.bookings[id], let newSpan = new.occupiedSpan(of: after),
                  newSpan.start <= span.start, span.end <= newSpan.end,
                  after.party == before.party, after.channel == before.channel else { return false }
            let wasMovable = WholeDayProblem.isMovable(before), isMovable = WholeDayProblem.isMovable(after)
            if wasMovable && isMovable {
                guard after.tables == before.tables || !touchesCountHold(before, holds: holds, floor: floor)
                        && !touchesCountHold(after, holds: holds, floor: floor) else { return false }
            } else {
                // Fixed now: only on the tables it had (a host moving and locking it may free others).
                guard !isMovable, after.tables == before.tables else { return false }
            }
        }
        return true
    }

    /// Whether a count hold of the day could judge `booking` by its tables: an online booking whose
    /// tables a hold matches (or tables that are no unit, judged conservatively).
    private static func touchesCountHold(_ booking: Booking, holds: [Floor.CountHold], floor: Floor) -> Bool {
        guard booking.channel == .online, !holds.isEmpty else { return false }
        guard let unit = floor.unit(forTables: booking.tables) else { return true }
        return holds.contains { HoldRules.tablesTaken($0, floor: floor, unit: unit, channel: .online) > 0 }
    }
}
