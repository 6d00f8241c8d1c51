import Foundation
import PlaybookMarkdown

// The values that pass from one stage of `SiteBuild.produce` to the next.

/// The pages read, parsed and given their routes (stages "load", "cache read" and "parse").
struct ParsedSite {
    var inputs: SiteInputs
    var highlighter: CodeHighlighter?
    /// The last build's cache, read (nil for a clean build, or when it could not be read).
    var cached: BuildCache?
    var sources: PageSources
    var routes: RouteTable
    var assets: [OutputFile]
    /// The assets' paths in `content/` (`content/images/a.png`), which wikilinks name.
    var assetSources: [String] = []
    /// Output paths that exist besides the pages (static files, assets): links to them are not broken.
    var knownFiles: Set<String>
    var diagnostics: [Diagnostic]
    /// The last output folder's files as they are now, being read for the reuse check (only when
    /// the cache was read and that folder is the one being replaced).
    var outputFiles: BackgroundWork<[String: OutputRecord]>?
    /// The outputs of `BuildOptions.outputs` this site wants.
    var outputs: [any SiteOutput] = []
    /// Whether the site's one-file export is written beside its pages (pages then link to it).
    var exporting: Bool { outputs.contains(where: \.isLinkedFromPages) }
    /// Whether some output renders the pages' Markdown again.
    var keepsSources: Bool { outputs.contains(where: \.needsPageSources) }
}

/// The pages rendered to HTML (stage "markdown"), with what the cache needs of them.
struct MarkdownSite {
    var parsed: ParsedSite
    var rendered: RenderedPages
    var renderer: PageRenderer
    var plan: ReusePlan
    var environment: UInt64
    var encoding: CacheEncoding?
    /// A build that rendered many pages gives freed memory back after its large stages.
    var renderedMany: Bool { rendered.fresh.count >= 1000 }
}
