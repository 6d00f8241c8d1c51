/// The one-file export (`playbook.html`, `ExportBuilder`): by `export:` in `playbook.yml`, or always.
public struct ExportOutput: SiteOutput {
    /// Written whatever `export:` says (the `export` command).
    public var always = false
    /// Linked from the pages but not written: `serve` makes the file when it is asked for.
    public var deferred = false

    public init(always: Bool = false, deferred: Bool = false) {
        self.always = always
        self.deferred = deferred
    }

    public var needsPageSources: Bool { !deferred }
    public var isLinkedFromPages: Bool { true }

    public func isWanted(config: SiteConfig, pageCount: Int) -> Bool { always || config.export.includes(pageCount: pageCount) }

    public func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        var result = OutputResult()
        guard !deferred else { return result }
        var exporter = ExportBuilder(config: site.config, theme: site.theme, renderer: site.renderer)
        exporter.parallel = site.parallel
        exporter.dashboard = site.dashboard
        exporter.releaseFreedMemory = site.releaseFreedMemory
        exporter.pieces = site.exportPieces
        exporter.searchContinuity = site.search
        let (parts, problem) = exporter.parts(site.tree, images: site.assets)
        if let problem { result.diagnostics.append(problem) }
        result.attempt(ExportBuilder.fileName) { try sink.write(path: ExportBuilder.fileName, parts: parts) }
        // The file's pages: every page in reading order, after the dashboard when there is one.
        result.pageCount = site.tree.readingOrder.count + (site.dashboard == nil ? 0 : 1)
        return result
    }
}
