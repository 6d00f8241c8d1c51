/// Decides output paths from file paths and slugs, and refuses escapes and collisions.
public struct RoutePlanner: Sendable {
    /// Output paths the theme writes itself.
    public static let reservedPaths: Set<String> = [
        "404.html", OutputNames.export, OutputNames.dashboard, OutputNames.searchIndex, OutputNames.navigationScript, "sitemap.xml", "feed.xml",
        "robots.txt",
    ]
    /// Top-level output folders the theme owns.
    public static let reservedFolders: Set<String> = ["assets", "tags", SearchIndexBuilder.folder]

    public init() {}

    public func plan(_ pages: [PageSource]) -> (RouteTable, [Diagnostic]) {
        var table = RouteTable()
        var diagnostics: [Diagnostic] = []
        var owners: [String: String] = [:]
        owners.reserveCapacity(pages.count)
        table.outputPath.reserveCapacity(pages.count)
        // Pages come folder by folder: a folder's slugs are made once for its run of pages.
        var (lastFolders, lastSlugs, prefix): ([String]?, [String], String) = (nil, [], "")
        for page in pages {
            if page.folders != lastFolders {
                (lastFolders, lastSlugs) = (page.folders, page.folders.map(PathRules.slug))
                prefix = lastSlugs.map { $0 + "/" }.joined()
            }
            let folders = lastSlugs
            guard let fileName = fileName(of: page, diagnostics: &diagnostics) else { continue }
            let output = prefix + fileName
            if Self.reservedPaths.contains(output) || (folders.first.map(Self.reservedFolders.contains) ?? false) {
                diagnostics.append(.error(page.path, "output path '\(output)' is reserved for the theme; rename the file"))
                continue
            }
            if let other = owners[output] {
                diagnostics.append(
                    .error(page.path, "\(page.path) and \(other) both map to '\(output)'; rename one or give it a slug"))
                continue
            }
            owners[output] = page.path
            table.outputPath[page.path] = output
            if page.kind != .page {
                table.sectionPath[(["content"] + page.folders).joined(separator: "/")] = output
            }
        }
        addFolderSections(of: pages, to: &table, owners: &owners, diagnostics: &diagnostics)
        return (table, diagnostics)
    }

    /// The page's file name in its folder: `index.html` for an index page, else its slug (from
    /// `slug:` or its file name); nil, with an error, for a slug that would leave its folder.
    private func fileName(of page: PageSource, diagnostics: inout [Diagnostic]) -> String? {
        var fileName: String
        switch page.kind {
        case .home, .section: fileName = "index.html"
        case .page: fileName = PathRules.slug(page.baseName) + ".html"
        }
        guard let slug = page.frontMatter.slug else { return fileName }
        guard PathRules.isSafeSegment(slug), slug != "..", !slug.contains("..") else {
            diagnostics.append(
                .error(
                    page.path, line: page.frontMatter.slugLine,
                    "slug '\(slug)' would leave its folder; a slug is a single name without '/', '\\' or '..'"
                ))
            return nil
        }
        if page.kind == .page {
            fileName = PathRules.slug(slug) + ".html"
        } else {
            diagnostics.append(
                .warning(page.path, line: page.frontMatter.slugLine, "slug is ignored on a section's index page; rename the folder instead"))
        }
        return fileName
    }

    /// A folder without an index page is still a section: it gets a generated index.
    private func addFolderSections(
        of pages: [PageSource], to table: inout RouteTable, owners: inout [String: String], diagnostics: inout [Diagnostic]
    ) {
        var lastFolders: [String]?
        for page in pages where !page.folders.isEmpty && page.folders != lastFolders {
            lastFolders = page.folders
            for depth in 1...page.folders.count {
                let key = (["content"] + page.folders.prefix(depth)).joined(separator: "/")
                guard table.sectionPath[key] == nil else { continue }
                let output = (page.folders.prefix(depth).map(PathRules.slug) + ["index.html"]).joined(separator: "/")
                if let other = owners[output] {
                    diagnostics.append(.error(other, "\(other) and the folder \(key) both map to '\(output)'"))
                    continue
                }
                owners[output] = key
                table.sectionPath[key] = output
            }
        }
    }
}
