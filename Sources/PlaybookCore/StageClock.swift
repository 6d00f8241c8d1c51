import Dispatch
import Foundation
import PlaybookMarkdown

/// Measures the wall time between stages of a build.
final class StageClock: @unchecked Sendable {
    private var last = DispatchTime.now()
    private(set) var stages: [(stage: String, seconds: Double)] = []

    func lap(_ stage: String) {
        let now = DispatchTime.now()
        stages.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
