/// The search index (`search-index.js`, and its shards on a large site); returns its words so the
/// next build of a long-running process starts from them.
public struct SearchIndexOutput: SiteOutput {
    public func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        var result = OutputResult()
        let index = SearchIndexBuilder(split: site.config.searchShards)
        let url: (RenderedPage) -> String = { $0.outputPath }
        let state = index.write(for: site.tree.pagesInOrder, parallel: site.parallel, url: url, continuity: site.search) { path, parts in
            result.attempt(path) { try sink.write(path: path, parts: parts) }
        }
        result.searchState = state
        return result
    }
}
