/// The site's HTML: every page and section through the theme's templates, the dashboard, the tag
/// pages and `404.html`.
public struct PagesOutput: SiteOutput {
    public var writesPages: Bool { true }

    public func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        var renderer = SiteRenderer(theme: site.theme, config: site.config)
        renderer.parallel = site.parallel
        renderer.dashboard = site.dashboard
        renderer.forgetsWrittenHTML = site.forgetsWrittenHTML
        renderer.linksExport = site.exporting
        renderer.reuse = site.reuse
        let (count, problems) = renderer.render(site.tree, into: sink)
        var result = OutputResult(diagnostics: problems)
        result.pageCount = count
        return result
    }
}
