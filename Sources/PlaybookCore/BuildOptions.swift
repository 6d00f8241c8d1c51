import Dispatch
import Foundation
import PlaybookMarkdown

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The site folder: holds `content/`, and optionally `playbook.yml`, `themes/`, `layouts/`, `static/`.
    public var root: URL
    /// Where the site is written; `public/` inside the site folder by default.
    public var output: URL
    public var includeDrafts = false
    /// Replaces `base_url` from `playbook.yml`.
    public var baseURL: String?
    /// Turns every warning into an error (for CI).
    public var strict = false
    /// Worker threads for rendering: 0 is one per core, 1 renders serially (same output).
    public var jobs = 0
    /// What the build makes of the site (`OutputRegistry`); each output also decides, from the
    /// config, whether this site wants it. Empty: the build stops at the site model.
    public var outputs: [any SiteOutput] = OutputRegistry.site
    /// Reuse unchanged work from the last build (kept in `.playbook-cache/` in the site folder).
    public var useCache = false
    /// The Pythons tried in turn to run Pygments for highlighting: the first that imports it is used
    /// (`CodeHighlighter.standardPythons`: `PLAYBOOK_PYTHON` alone when it is set).
    public var pythons = CodeHighlighter.standardPythons()
    /// Runs Pygments with this Python only.
    public var python: String {
        get { pythons.first ?? "python3" }
        set { pythons = [newValue] }
    }

    /// Shared with a reader of the output (the dev server) that must not see it while it is swapped.
    public var swapLock: SwapLock?
    /// Where a long-running process keeps the last build's cache between builds (the dev server).
    public var memory: BuildMemory?
    /// The process ends after this build (`playbook build`): the build hands its large values to the
    /// caller (`BuildResult.leftovers`), which leaves them for the system to take back at exit rather
    /// than freeing them one value at a time (as compilers do; on a large site that is a tenth of an
    /// incremental build).
    public var endsProcess = false

    /// The generated block kinds pages may use (`BlockKinds.standard`; a test may add one).
    public var blockKinds = BlockKinds.standard

    /// Hands the memory a large stage freed back to the system, so that it does not add up with the
    /// next stage's into the build's peak (the CLI's allocator call); nil leaves it to the allocator.
    public var releaseFreedMemory: (@Sendable () -> Void)?

    /// Where the build cache lives.
    public var cacheFolder: URL { root.appendingPathComponent(".playbook-cache") }
    /// "Today" for overdue checks and calendar stamps; the CLI sets it from `SOURCE_DATE_EPOCH` or the clock.
    public var buildDate = Day(unixTime: 0)

    public init(root: URL, output: URL? = nil) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("public")).standardizedFileURL
    }
}
