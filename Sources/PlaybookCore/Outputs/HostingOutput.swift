/// `sitemap.xml`, `feed.xml` and `robots.txt` (`HostingFiles`), when `base_url` is set.
public struct HostingOutput: SiteOutput {
    public func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        var result = OutputResult()
        for file in HostingFiles(config: site.config, buildDate: site.today).files(for: site.tree) {
            result.attempt(file.path) { try sink.write(file) }
        }
        return result
    }
}
