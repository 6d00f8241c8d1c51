import Foundation

/// The Markdown stage's result: every page rendered (or reused), in path order.
struct RenderedPages {
    var pages: [RenderedPage] = []
    /// Output paths of pages whose HTML differs from the last build's.
    var changed: Set<String> = []
    var diagnostics: [Diagnostic] = []
}

/// Renders the pages that need it with cmark and the blocks, and takes the rest from the cache.
struct MarkdownStage {
    var renderer: PageRenderer
    var parallel: Parallel

    /// Also reports every parse problem, and records each file's diagnostics for the cache.
    func render(_ sources: inout PageSources, routes: RouteTable, cached: BuildCache?) -> RenderedPages {
        var result = RenderedPages()
        let toRender = sources.sources.filter { sources.reused[$0.path] == nil }
        let renderedNow = Dictionary(uniqueKeysWithValues: zip(toRender.map(\.path), parallel.map(toRender, renderer.render)))
        for source in sources.sources {
            if let page = sources.reused[source.path] {
                result.pages.append(page)
                result.diagnostics += sources.records[source.path]?.diagnostics ?? []
                continue
            }
            guard let (page, problems) = renderedNow[source.path] else { continue }
            result.pages.append(page)
            let all = (sources.problems[source.path] ?? []) + problems
            result.diagnostics += all
            sources.records[source.path]?.diagnostics = all
            if cached?.rendered[source.path].map({ $0 != page }) ?? true { result.changed.insert(page.outputPath) }
        }
        for (path, problems) in sources.problems where sources.records[path]?.hasPage == false || routes.outputPath[path] == nil {
            result.diagnostics += problems
            sources.records[path]?.diagnostics = problems
            sources.records[path]?.hasPage = false
        }
        sources.sources = []
        return result
    }
}
