extension Array where Element == Int {
    /// In an ascending array, the index of the first element at or after `value` (`count` when
    /// none is): binary search, the one used for check instants and nodes.
    func lowerBound(of value: Int) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
