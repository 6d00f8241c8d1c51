import Dispatch
import Foundation
import PlaybookMarkdown

/// Runs a closure on a global queue; `wait()` returns its result.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async(group: backgroundWorkRunning) {
            self.value = work()
            self.group.leave()
        }
    }

    func wait() -> Value {
        group.wait()
        return value!
    }
}

/// The group every `BackgroundWork` closure runs in: libdispatch leaves it once the closure has
/// run and been released.
private let backgroundWorkRunning = DispatchGroup()

/// The background work of every build in this process.
public enum AllBackgroundWork {
    /// Waits until every piece of background work has ended and let go of what it held: `wait()`
    /// returns as soon as a value is there, while the closure (and what it captured, the site's
    /// data among it) is released on its thread a moment later. A command calls this before it
    /// returns, so nothing of a build is still being freed on another thread when the process
    /// exits (LeakSanitizer took such values, reachable only from that thread, for leaks).
    public static func waitUntilDone() {
        backgroundWorkRunning.wait()
    }
}
