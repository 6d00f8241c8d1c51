import Foundation
import PlaybookCore

/// Values kept alive until the process exits, so that they are never freed one by one (see
/// `BuildOptions.endsProcess`).
enum LeftAtExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [BuildResult.Leftovers] = []

    static func keep(_ leftovers: BuildResult.Leftovers?) {
        guard let leftovers else { return }
        lock.withLock { kept.append(leftovers) }
    }
}
