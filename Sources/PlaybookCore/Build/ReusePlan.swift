import Foundation

/// What an incremental build takes from the last one, decided once from the cache and the hashes,
/// then handed to the stages.
struct ReusePlan {
    /// The last build's cache with its pages (nil for a clean build).
    var cached: BuildCache?
    /// Nothing a page's HTML depends on changed besides the pages themselves (config, theme, data, routes).
    var environmentSame: Bool

    init(cached: BuildCache?, environment: UInt64) {
        self.cached = cached
        environmentSame = cached?.environmentHash == environment
    }

    /// Which output files of the last build can be linked in unchanged, or nil when none can: only when
    /// neither the site's structure nor the environment changed, never a page whose HTML changed, the
    /// dashboard and home page only while the blocks are the same, listing pages only while the
    /// summaries are, and only files still exactly as the last build wrote them (no hand edits).
    /// Also returns the output folder's files as they are now (read only when some may be reused).
    /// `current` gives the output folder's files as they are now (read ahead, on another thread).
    func outputs(
        structure: UInt64, listings: UInt64, dashboard: UInt64, changed: Set<String>, tree: SiteTree, output: URL,
        current: () -> [String: OutputRecord]
    ) -> (reuse: ((String) -> Bool)?, current: [String: OutputRecord]?) {
        guard environmentSame, let cached, cached.structureHash == structure, cached.outputFolder == output.path else { return (nil, nil) }
        let recorded = cached.outputs
        let current = current()
        let listingsSame = cached.listingHash == listings
        let dashboardSame = cached.dashboardHash == dashboard
        let listingPages = Set([tree.home.outputPath] + tree.allSections.map(\.outputPath))
        let reuse: (String) -> Bool = { path in
            // The dashboard (and the home page's summary of it) shows the blocks of every page.
            if (path == SiteRenderer.dashboardPath || path == tree.home.outputPath) && !dashboardSame { return false }
            guard !changed.contains(path), let before = recorded[path], let now = current[path] else { return false }
            // Section, home and tag pages list summaries and dates of other pages.
            if !listingsSame && (listingPages.contains(path) || path.hasPrefix("tags/")) { return false }
            return before.size == now.size && before.modified == now.modified
        }
        return (reuse, current)
    }
}
