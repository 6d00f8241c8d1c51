import Foundation

/// The parsed pages of a build, new and reused, with what the cache must remember of each file.
struct PageSources {
    /// Every page to render or reuse, sorted by path.
    var sources: [PageSource] = []
    /// What the cache records of every content file (signature, hash, its diagnostics, whether it is a page).
    var records: [String: BuildCache.PageRecord] = [:]
    /// Problems found while parsing each file (not yet reported).
    var problems: [String: [Diagnostic]] = [:]
    /// Rendered pages of the last build whose source did not change.
    var reused: [String: RenderedPage] = [:]
    /// `reused` in the order of `sources` (nil for a page to render), kept alongside it.
    var reusedInOrder: [RenderedPage?] = []
    /// The reused pages that had diagnostics (to replay): most have none, and are not looked up.
    var reusedWithDiagnostics: Set<String> = []

    /// Keeps the sources `keep` accepts (and their place in `reusedInOrder`).
    mutating func keepSources(where keep: (PageSource) -> Bool) {
        let kept = sources.indices.filter { keep(sources[$0]) }
        guard kept.count < sources.count else { return }
        if reusedInOrder.count == sources.count { reusedInOrder = kept.map { reusedInOrder[$0] } }
        sources = kept.map { sources[$0] }
    }

    /// Pages that failed to parse: they keep their place in the routes, so links to them are not
    /// reported as broken on top of their own error.
    var failedPaths: [String] {
        records.filter { !$0.value.hasPage && problems[$0.key]?.hasErrors == true }.keys.sorted()
    }
}

/// Parses the loaded content files and takes the unchanged ones from the cache.
struct SourceCollector {
    var options: BuildOptions
    var parallel: Parallel

    /// Pages parsed at a time.
    static let batch = 512

    /// Parses `content.pages`, and takes them out of `content`: each batch's bytes are let go once it
    /// is parsed, so a large site's files and their parsed pages are not both held whole.
    func collect(_ content: inout LoadedContent, cached: BuildCache?) -> PageSources {
        var result = PageSources()
        let count = content.pages.count + content.unchangedPages.count
        // Room made once: a large site's tables are not grown (and rehashed) a dozen times.
        result.records.reserveCapacity(count)
        result.problems.reserveCapacity(content.pages.count)
        result.reused.reserveCapacity(content.unchangedPages.count)
        result.sources.reserveCapacity(count)
        var pages = content.pages
        content.pages = []
        for start in stride(from: 0, to: pages.count, by: Self.batch) {
            let range = start..<min(pages.count, start + Self.batch)
            let files = Array(pages[range])
            for index in range { pages[index].data = Data() }  // `files` holds the batch's bytes now, and only it
            for (file, (page, problems)) in zip(files, parallel.map(files, PageParser().parse)) {
                result.problems[file.path] = problems
                result.records[file.path] = BuildCache.PageRecord(
                    signature: content.signatures[file.path]!, diagnostics: [], hasPage: page != nil)
                if let page, options.includeDrafts || !page.frontMatter.draft {
                    result.sources.append(page)
                } else {
                    result.records[file.path]?.hasPage = false
                }
            }
        }
        // Pages the loader skipped come from the cache, with the diagnostics they had.
        var reusedAt: [RenderedPage?] = Array(repeating: nil, count: result.sources.count)
        reusedAt.reserveCapacity(count)
        for ((path, signature), record) in zip(content.unchangedPages, content.unchangedRecords) {
            guard let page = cached?.rendered[path] else { continue }
            result.reused[path] = page
            result.sources.append(page.source)
            reusedAt.append(page)
            if !record.diagnostics.isEmpty { result.reusedWithDiagnostics.insert(path) }
            result.records[path] = BuildCache.PageRecord(
                signature: signature, diagnostics: record.diagnostics, hasPage: true)
        }
        // Sorted by path, the reused pages with them (the new pages come first, the others after in
        // the walk's order: two sorted runs).
        let order = result.sources.indices.sorted { result.sources[$0].path < result.sources[$1].path }
        result.sources = order.map { result.sources[$0] }
        result.reusedInOrder = order.map { reusedAt[$0] }
        return result
    }

    /// The cached pages parsed again from disk: their environment changed, so their HTML may have.
    /// With `only`, just those pages (they show a note that changed).
    func reparseReused(_ sources: inout PageSources, only: Set<String>? = nil) {
        guard !sources.reused.isEmpty else { return }
        let paths = only.map { $0.sorted() } ?? sources.reused.keys.sorted()
        let reread = paths.compactMap { path -> SourceFile? in
            FileReading.contents(of: options.root.appendingPathComponent(path).path).map { SourceFile(path: path, data: $0) }
        }
        let reparsed = Dictionary(uniqueKeysWithValues: zip(reread.map(\.path), parallel.map(reread, PageParser().parse)))
        if let only {
            for index in sources.sources.indices where only.contains(sources.sources[index].path) {
                let path = sources.sources[index].path
                guard let page = reparsed[path]?.0 else { continue }
                sources.problems[path] = reparsed[path]?.1 ?? []
                sources.sources[index] = page
                sources.reused[path] = nil
                sources.reusedWithDiagnostics.remove(path)
                if sources.reusedInOrder.count == sources.sources.count { sources.reusedInOrder[index] = nil }
            }
            return
        }
        sources.sources = sources.sources.compactMap { source in
            guard sources.reused[source.path] != nil else { return source }
            sources.problems[source.path] = reparsed[source.path]?.1 ?? []
            return reparsed[source.path]?.0
        }
        sources.reused = [:]
        sources.reusedInOrder = Array(repeating: nil, count: sources.sources.count)
        sources.reusedWithDiagnostics = []
    }
}
