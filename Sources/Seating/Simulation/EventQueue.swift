/// A min-heap of events by (minute, event, insertion order): the evening's agenda.
struct EventQueue {
    private var heap: [(time: Int, event: DayRun.Event, order: Int)] = []
    private var counter = 0

    mutating func push(_ time: Int, _ event: DayRun.Event) {
        counter += 1
        heap.append((time, event, counter))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Int, DayRun.Event)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, Self.less(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.less(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return (top.time, top.event)
    }

    private static func less(_ a: (time: Int, event: DayRun.Event, order: Int), _ b: (time: Int, event: DayRun.Event, order: Int)) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.event != b.event { return a.event < b.event }
        return a.order < b.order
    }
}
