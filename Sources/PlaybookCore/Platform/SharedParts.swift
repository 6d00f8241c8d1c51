import Foundation

/// Work cut into parts that any thread may take, so that a thread waiting for the result helps
/// instead of idling (on two cores, a background job started early may otherwise run alone on one
/// of them while the thread that needs it waits on the other).
final class SharedParts<Part>: @unchecked Sendable {
    private let condition = NSCondition()
    private var started = false
    private var work: ((Int) -> Part)?
    private var count = 0
    private var next = 0
    private var done = 0
    private var parts: [Part?] = []

    /// Hands out `count` parts of `work` (nil: there is nothing to do; `take()` then gives nil).
    func start(count: Int, _ work: ((Int) -> Part)?) {
        condition.withLock {
            (self.count, self.work, parts, started) = (work == nil ? 0 : count, work, Array(repeating: nil, count: count), true)
            condition.broadcast()
        }
    }

    /// Does parts until none is left, waits for those other threads are doing, and returns them all
    /// in order; nil when `start` gave no work. Waits for `start` first.
    func take() -> [Part]? {
        condition.lock()
        defer { condition.unlock() }
        while !started { condition.wait() }
        guard let work else { return nil }
        while next < count {
            let part = next
            next += 1
            condition.unlock()
            let value = work(part)
            condition.lock()
            parts[part] = value
            done += 1
            if done == count { condition.broadcast() }
        }
        while done < count { condition.wait() }
        return parts.map { $0! }
    }
}
