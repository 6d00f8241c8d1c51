import Foundation

/// The Markdown stage's result: every page rendered (or reused), in path order.
struct RenderedPages {
    var pages: [RenderedPage] = []
    /// Output paths of pages whose HTML differs from the last build's.
    var changed: Set<String> = []
    /// Output paths of the pages rendered by this build (the others are the cache's).
    var fresh: Set<String> = []
    var diagnostics: [Diagnostic] = []
}

/// Renders the pages that need it with cmark and the blocks, and takes the rest from the cache.
struct MarkdownStage {
    var renderer: PageRenderer
    var parallel: Parallel
    /// Keep each page's Markdown after rendering: only the one-file export renders it again.
    var keepSources = true
    /// Pages rendered at a time.
    static let batch = 512

    /// Also reports every parse problem, and records each file's diagnostics for the cache.
    func render(_ sources: inout PageSources, routes: RouteTable, cached: [String: RenderedPage]?) -> RenderedPages {
        var result = RenderedPages()
        // In batches, so that each batch's Markdown can be let go once it is rendered (unless the
        // export needs it again): a large site's sources and HTML are not both held whole.
        let reusedPages =
            sources.reusedInOrder.count == sources.sources.count ? sources.reusedInOrder : sources.sources.map { sources.reused[$0.path] }
        let toRender = sources.sources.indices.filter { reusedPages[$0] == nil }
        let keep = keepSources
        var renderer = self.renderer
        // Code goes to Pygments while the pages render on; its HTML is put in once all are rendered.
        let highlights = renderer.highlighter.map(DeferredHighlights.init)
        renderer.deferredHighlights = highlights
        var renderedNow: [String: (RenderedPage, [Diagnostic])] = [:]
        for start in stride(from: 0, to: toRender.count, by: Self.batch) {
            let batch = toRender[start..<min(toRender.count, start + Self.batch)].map { sources.sources[$0] }
            for (source, (page, problems)) in zip(batch, parallel.map(batch, renderer.render)) {
                var page = page
                if !keep { page.source.body = "" }
                renderedNow[source.path] = (page, problems)
            }
            if !keep { for index in toRender[start..<min(toRender.count, start + Self.batch)] { sources.sources[index].body = "" } }
        }
        if let highlights { resolve(highlights, in: &renderedNow) }
        result.pages.reserveCapacity(sources.sources.count)
        for (source, reused) in zip(sources.sources, reusedPages) {
            if let page = reused {
                result.pages.append(page)
                if !sources.reusedWithDiagnostics.isEmpty, sources.reusedWithDiagnostics.contains(source.path) {
                    result.diagnostics += sources.records[source.path]?.diagnostics ?? []
                }
                continue
            }
            guard let (page, problems) = renderedNow[source.path] else { continue }
            result.pages.append(page)
            result.fresh.insert(page.outputPath)
            let all = (sources.problems[source.path] ?? []) + problems
            result.diagnostics += all
            sources.records[source.path]?.diagnostics = all
            let before = cached?[source.path]
            if before.map({ $0 != page }) ?? true { result.changed.insert(page.outputPath) }
            // A page this one now links to, or no longer does, lists it among its backlinks.
            if let before, before.links != page.links {
                let targets = { (page: RenderedPage) in Set(page.links.map(\.targetPath)) }
                result.changed.formUnion(targets(before).symmetricDifference(targets(page)))
            }
        }
        for (path, problems) in sources.problems where sources.records[path]?.hasPage == false || routes.outputPath[path] == nil {
            result.diagnostics += problems
            sources.records[path]?.diagnostics = problems
            sources.records[path]?.hasPage = false
        }
        sources.sources = []
        return result
    }

    /// Puts the highlighted code into the rendered pages (and its warnings into their problems), a
    /// batch at a time, each page's HTML taken out before its replacement is made: a large site's HTML
    /// is not held twice (it was the build's peak of memory).
    private func resolve(_ highlights: DeferredHighlights, in renderedNow: inout [String: (RenderedPage, [Diagnostic])]) {
        for warning in highlights.finish() {
            renderedNow[warning.path]?.1.append(.warning(warning.path, line: warning.line, warning.reason))
        }
        let marked = highlights.pagesWithMarkers.sorted().filter { renderedNow[$0] != nil }
        for start in stride(from: 0, to: marked.count, by: Self.batch) {
            let paths = Array(marked[start..<min(marked.count, start + Self.batch)])
            let htmls = paths.map { path in
                defer { renderedNow[path]?.0.html = "" }
                return renderedNow[path]!.0.html
            }
            for (path, html) in zip(paths, parallel.map(htmls, highlights.resolve)) { renderedNow[path]?.0.html = html }
        }
    }
}
