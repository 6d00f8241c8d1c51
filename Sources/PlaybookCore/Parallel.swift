import Dispatch

/// Runs independent work on all cores, keeping results in input order so output never depends on scheduling.
public struct Parallel: Sendable {
    /// 1 runs serially on the calling thread; 0 means one worker per core.
    public var jobs: Int

    public init(jobs: Int = 0) { self.jobs = jobs }

    public func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        if jobs == 1 || items.count < 2 { return items.map(transform) }
        var results = [R?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot, so the buffer needs no lock.
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots[index] = transform(items[index])
            }
        }
        return results.map { $0! }
    }
}
