/// The sidebar of a large site as one script (`NavScriptBuilder`), instead of inline in every page.
public struct NavScriptOutput: SiteOutput {
    public func isWanted(config: SiteConfig, pageCount: Int) -> Bool { pageCount > PageModelBuilder.inlineNavigationLimit }

    public func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        var result = OutputResult()
        let path = NavScriptBuilder.fileName
        // Titles and paths only: while the site's structure is the same, so is the script.
        if let reuse = site.search?.reuse, let link = site.search?.link, reuse(path), link(path) { return result }
        let file = OutputFile(path: path, text: NavScriptBuilder().script(for: site.tree))
        result.attempt(path) { try sink.write(file) }
        return result
    }
}
