/// The one-page status report in one format (`report.txt`, `report.md` or `report.html`).
public struct ReportOutput: SiteOutput {
    public var format: ReportFormat

    public init(format: ReportFormat) { self.format = format }

    /// The file it writes.
    public var fileName: String { "report.\(format.fileExtension)" }

    public func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        var result = OutputResult()
        guard site.theme.has(format.template) else {
            result.diagnostics.append(.error("themes/\(site.config.theme)", "the theme has no '\(format.template).mustache' template"))
            return result
        }
        let text = StatusReport.text(
            site: site.blocks, config: site.config, theme: site.theme, today: site.today, format: format, diagnostics: &result.diagnostics)
        result.attempt(fileName) { try sink.write(OutputFile(path: fileName, text: text)) }
        return result
    }
}
