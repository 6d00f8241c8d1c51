import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the last successful build knew, kept in `.playbook-cache/` so the next build can skip work.
///
/// `manifest.bin` (hashes, file signatures, output records, diagnostics, where each page is stored)
/// is all a no-op rebuild reads; `pages-N.bin` hold the rendered pages but their HTML and plain text,
/// which are in `texts-N.bin` (read a page at a time, when needed). A build writes only the pages that
/// are new or changed, in files of their own (see `BuildCacheStore.writePages`). `search.bin` holds
/// the search index's words.
/// A cache that is missing, from another version, or unreadable is ignored: the build is then full.
struct BuildCache {
    static let formatVersion = "playbook-cache-10-" + CacheSchema.digest

    /// One content file as the last build saw it.
    struct PageRecord {
        var signature: FileSignature
        /// Diagnostics of parsing and rendering this page, replayed when it is reused.
        var diagnostics: [Diagnostic]
        /// False for a page that failed to parse or is a left-out draft (no rendered copy kept).
        var hasPage: Bool
        /// Where the page's record is in the cache's page files (read from the manifest).
        var stored: PageSegment.Location? = nil
    }

    var outputFolder = ""
    /// Everything a page's rendering depends on besides its own source: config, options, data files,
    /// theme, the route table and the files links may point at.
    var environmentHash: UInt64 = 0
    /// Titles, paths, order, summaries and tags of all pages: what navigation and lists show.
    var structureHash: UInt64 = 0
    /// Summaries and dates of all pages: what section, home and tag pages list.
    var listingHash: UInt64 = 0
    /// The block items of all pages with their titles: what the dashboard shows (0: no dashboard).
    var dashboardHash: UInt64 = 0
    /// Every input file's signature, for the no-op check.
    var inputs: [String: FileSignature] = [:]
    var pages: [String: PageRecord] = [:]
    var outputs: [String: OutputRecord] = [:]
    var diagnostics: [Diagnostic] = []
    var pageCount = 0
    /// The highlighting engine could not be used: the next build tries again (and re-renders if it can).
    var highlightUnavailable = false

    /// Names this build's search state: a `search.bin` of another build is not used with it.
    var token: UInt64 = 0
    /// The search index's words; loaded with the pages.
    var search: SearchIndexState?
    /// `search`, being written on another thread.
    var pendingSearch: BackgroundWork<PendingFile?>?

    /// Rendered pages by source path; loaded only when needed (`loadPages`).
    var rendered: [String: RenderedPage] = [:]
    /// `rendered`, already written (still unnamed) while the build did other work; nil when writing failed
    /// or it was not written yet.
    var pendingPages: PendingPages?
}

extension BuildCache {
    /// The manifest's fields but its three tables.
    func writeHeader(_ writer: inout BinaryWriter) {
        writer.string(outputFolder)
        for hash in [environmentHash, structureHash, listingHash, dashboardHash, token] { writer.uint64(hash) }
        writer.int(pageCount)
        writer.bool(highlightUnavailable)
        writer.array(diagnostics) { $0.write($1) }
    }

    mutating func readHeader(_ reader: inout BinaryReader) throws {
        outputFolder = try reader.string()
        (environmentHash, structureHash, listingHash) = (try reader.uint64(), try reader.uint64(), try reader.uint64())
        (dashboardHash, token) = (try reader.uint64(), try reader.uint64())
        pageCount = try reader.int()
        highlightUnavailable = try reader.bool()
        diagnostics = try reader.array { try $0.read(Diagnostic.self) }
    }
}
