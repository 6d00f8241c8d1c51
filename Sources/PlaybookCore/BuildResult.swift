import Dispatch
import Foundation
import PlaybookMarkdown

/// The outcome of a build: files to write and every diagnostic, sorted.
public struct BuildResult: Sendable {
    public var files: [OutputFile]
    public var diagnostics: [Diagnostic]
    /// Pages and section indexes rendered (HTML files other than 404).
    public var pageCount: Int
    /// Wall time of each stage in seconds, in pipeline order, with the peak RSS (MB) at its end.
    public var timings: [(stage: String, seconds: Double, peakMB: Int)] = []
    /// True when nothing changed since the last build and nothing was written.
    public var upToDate = false
    /// The site's blocks, after a build that read the pages (`run()` without errors, not up to date).
    public var site: SiteBlocks?
    /// The signatures of the inputs as that build found them before reading them (with the cache only).
    public var inputs: [String: FileSignature] = [:]

    /// The build's large values, handed over when `BuildOptions.endsProcess` is set so that the
    /// caller can leave them to the end of the process instead of freeing them one by one.
    public var leftovers: Leftovers?

    public var succeeded: Bool { !diagnostics.hasErrors }

    /// Values of any type, held but never read.
    public final class Leftovers: @unchecked Sendable {
        public let values: [Any]
        init(_ values: [Any]) { self.values = values }
    }
}
