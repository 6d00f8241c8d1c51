import Foundation

/// Decodes the last build's pages and search words on other threads while the inputs are read.
struct CacheReading {
    /// The manifest (or the whole cache kept in memory): enough to tell which pages are unchanged.
    let manifest: BuildCache
    private let work: BackgroundWork<BuildCache?>
    private let search: BackgroundWork<SearchIndexState?>?
    /// The pages' decoding, which `wait()` helps with.
    private let decoding: SharedParts<[RenderedPage]?>?

    /// A cache that is already complete (kept in memory).
    init(complete: BuildCache) {
        manifest = complete
        work = BackgroundWork { complete }
        search = nil
        decoding = nil
    }

    init(manifest: BuildCache, folder: URL, blockItems: BlockItemCoding) {
        self.manifest = manifest
        let decoding = SharedParts<[RenderedPage]?>()
        self.decoding = decoding
        work = BackgroundWork {
            var cache = manifest
            return BuildCacheStore(folder: folder).loadPages(into: &cache, blockItems: blockItems, sharing: decoding) ? cache : nil
        }
        search = BackgroundWork { BuildCacheStore(folder: folder).loadSearch(for: manifest) }
    }

    /// The manifest with its pages, or nil when they could not be read (the build is then full).
    func wait() -> BuildCache? {
        _ = decoding?.take()
        guard var cache = work.wait() else { return nil }
        if let search { cache.search = search.wait() }
        return cache
    }
}

/// Writes this build's pages for the cache on another thread while templates are applied.
final class CacheEncoding: @unchecked Sendable {
    private let work: BackgroundWork<(pages: [String: RenderedPage], pending: PendingPages?)>

    /// `keepingSources`: the export renders Markdown again, so sources are kept only when it is written.
    /// `previous`: the cache the build started from (its pages that did not change stay where they are).
    init(_ rendered: [RenderedPage], keepingSources: Bool, previous: BuildCache?, folder: URL) {
        // The table is made on that thread too.
        work = BackgroundWork {
            var stored: [String: RenderedPage] = [:]
            stored.reserveCapacity(rendered.count)
            for page in rendered {
                var copy = page
                // (Only when there is one: any change makes the page one to store again.)
                if !keepingSources, !copy.source.body.isEmpty { copy.source.body = "" }
                stored[page.source.path] = copy
            }
            return (stored, BuildCacheStore.writePages(stored, previous: previous, in: folder))
        }
    }

    /// The pages as the cache keeps them, by source path.
    var pages: [String: RenderedPage] { work.wait().pages }

    /// Waits for the file; nil when it could not be written.
    @discardableResult
    func finish() -> PendingPages? { work.wait().pending }
}

extension BuildCache {
    /// The cache describing a finished build (its inputs and outputs are added once it is in place).
    init(environment: UInt64, hashes: StructureHashes, records: [String: PageRecord], pageCount: Int, output: URL) {
        self.init()
        outputFolder = output.path
        environmentHash = environment
        structureHash = hashes.structure
        listingHash = hashes.listings
        dashboardHash = hashes.dashboard
        pages = records
        self.pageCount = pageCount
    }
}
