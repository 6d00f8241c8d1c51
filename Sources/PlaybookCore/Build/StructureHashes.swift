import Foundation

/// The digests of one build's site structure, for the next build to compare.
struct StructureHashes {
    /// Navigation: paths, titles, order, tags (and whether there is a dashboard to link to).
    var structure: UInt64
    /// What section, home and tag pages list: summaries and dates.
    var listings: UInt64
    /// What the dashboard shows (0 without one, or without the cache: only an incremental build compares it).
    var dashboard: UInt64

    init(_ tree: SiteTree, site: SiteBlocks, dashboard hasDashboard: Bool, useCache: Bool) {
        (structure, listings) = BuildHashes.structure(tree)
        // Every page's navigation links to the dashboard when there is one.
        if hasDashboard { structure &+= 1 }
        dashboard = !hasDashboard || !useCache ? 0 : BuildHashes.dashboard(site)
    }
}
