import Dispatch
import Foundation
import PlaybookMarkdown

#if canImport(Glibc)
    import Glibc
#endif

/// Measures the wall time between stages of a build, and the peak memory (RSS) reached by the end of each.
final class StageClock: @unchecked Sendable {
    private var last = DispatchTime.now()
    /// Called at the end of a stage that asks for it (`BuildOptions.releaseFreedMemory`).
    private let release: (@Sendable () -> Void)?

    init(releasing release: (@Sendable () -> Void)? = nil) { self.release = release }
    private(set) var stages: [(stage: String, seconds: Double, peakMB: Int)] = []

    /// Ends a stage. `releasingMemory`: first hands the memory the stage freed back to the system.
    func lap(_ stage: String, releasingMemory: Bool = false) {
        if releasingMemory { release?() }
        let now = DispatchTime.now()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        stages.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, usage.ru_maxrss / 1024))
        last = now
    }
}
