import Dispatch
import Foundation
import PlaybookMarkdown

/// Runs a closure on a global queue; `wait()` returns its result.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.value = work()
            self.group.leave()
        }
    }

    func wait() -> Value {
        group.wait()
        return value!
    }
}
