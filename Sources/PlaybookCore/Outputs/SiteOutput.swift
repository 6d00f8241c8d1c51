import Foundation

/// One thing a build makes from the finished site: the pages, the search index, the one-file export,
/// a report… Each is one type implementing this protocol and one line in `OutputRegistry`; the
/// command picks which run (`BuildOptions.outputs`), the output itself whether the site wants it.
public protocol SiteOutput: Sendable {
    /// Whether the build needs the pages' Markdown after rendering them (an output that renders the
    /// pages again, such as the export).
    var needsPageSources: Bool { get }
    /// Whether the site's pages link to this output's file when it is written beside them (the export).
    var isLinkedFromPages: Bool { get }
    /// Whether this output templates the site's pages: it runs on the build's thread, on every core;
    /// the other outputs run alongside it (`OutputRunner`).
    var writesPages: Bool { get }
    /// Whether the site, as configured, wants this output (the export of a large site does not).
    func isWanted(config: SiteConfig, pageCount: Int) -> Bool
    /// Makes the output into `sink`.
    func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult
}

extension SiteOutput {
    public var needsPageSources: Bool { false }
    public var writesPages: Bool { false }
    public var isLinkedFromPages: Bool { false }
    public func isWanted(config: SiteConfig, pageCount: Int) -> Bool { true }
}

/// What an output reports back to the build.
public struct OutputResult: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Pages written (for the command's summary line), when the output wrote pages; the pages
    /// output's count comes first.
    public var pageCount: Int?
    /// The search index's words, kept for the next build.
    var searchState: SearchIndexState?

    public init(diagnostics: [Diagnostic] = []) { self.diagnostics = diagnostics }

    /// Runs `body`, turning a thrown error into an error diagnostic for `path`.
    mutating func attempt(_ path: String, _ verb: String = "write", _ body: () throws -> Void) {
        do { try body() } catch {
            diagnostics.append(.error(path, "could not \(verb): \(error.localizedDescription)"))
        }
    }
}
