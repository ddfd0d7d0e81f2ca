import HeapModule

/// The evening's agenda: events by (minute, event, insertion order), earliest first.
///
/// Invariant: the order is total (the insertion counter breaks every tie), so the same pushes pop
/// in the same order on any machine.
struct EventQueue {
    private struct Entry: Comparable {
        var time: Int
        var event: DayRun.Event
        var order: Int

        static func < (a: Entry, b: Entry) -> Bool { (a.time, a.event, a.order) < (b.time, b.event, b.order) }
    }

    private var heap = Heap<Entry>()
    private var counter = 0

    mutating func push(_ time: Int, _ event: DayRun.Event) {
        counter += 1
        heap.insert(Entry(time: time, event: event, order: counter))
    }

    mutating func pop() -> (Int, DayRun.Event)? {
        heap.popMin().map { ($0.time, $0.event) }
    }
}
