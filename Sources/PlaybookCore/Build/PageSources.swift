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

    func collect(_ content: LoadedContent, cached: BuildCache?) -> PageSources {
        var result = PageSources()
        let count = content.pages.count + content.unchangedPages.count
        // Room made once: a large site's tables are not grown (and rehashed) a dozen times.
        result.records.reserveCapacity(count)
        result.problems.reserveCapacity(content.pages.count)
        result.reused.reserveCapacity(content.unchangedPages.count)
        result.sources.reserveCapacity(count)
        for (file, (page, problems)) in zip(content.pages, parallel.map(content.pages, PageParser().parse)) {
            result.problems[file.path] = problems
            result.records[file.path] = BuildCache.PageRecord(
                signature: content.signatures[file.path]!, contentHash: Digest.of(file.data), diagnostics: [], hasPage: page != nil)
            if let page, options.includeDrafts || !page.frontMatter.draft {
                result.sources.append(page)
            } else {
                result.records[file.path]?.hasPage = false
            }
        }
        // Pages the loader skipped come from the cache, with the diagnostics they had.
        for (path, signature) in content.unchangedPages {
            guard let page = cached?.rendered[path], let record = cached?.pages[path] else { continue }
            result.reused[path] = page
            result.sources.append(page.source)
            result.records[path] = BuildCache.PageRecord(
                signature: signature, contentHash: record.contentHash, diagnostics: record.diagnostics, hasPage: true)
        }
        result.sources.sort { $0.path < $1.path }
        return result
    }

    /// The cached pages parsed again from disk: their environment changed, so their HTML may have.
    func reparseReused(_ sources: inout PageSources) {
        guard !sources.reused.isEmpty else { return }
        let reread = sources.reused.keys.sorted().compactMap { path -> SourceFile? in
            FileReading.contents(of: options.root.appendingPathComponent(path).path).map { SourceFile(path: path, data: $0) }
        }
        let reparsed = Dictionary(uniqueKeysWithValues: zip(reread.map(\.path), parallel.map(reread, PageParser().parse)))
        sources.sources = sources.sources.compactMap { source in
            guard sources.reused[source.path] != nil else { return source }
            sources.problems[source.path] = reparsed[source.path]?.1 ?? []
            return reparsed[source.path]?.0
        }
        sources.reused = [:]
    }
}
