/// Files copied as they are: the theme's static files, the content's assets and the pages'
/// attachments.
public struct StaticFilesOutput: SiteOutput {
    public func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        var result = OutputResult()
        for file in site.theme.staticFiles { result.attempt(file.path, "copy") { try sink.copy(file) } }
        for file in site.assets + site.tree.pagesInOrder.flatMap({ $0.attachments }) { result.attempt(file.path) { try sink.write(file) } }
        return result
    }
}
