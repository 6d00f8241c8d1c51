import Foundation

/// A one-page status report of the site: headline counts, the items behind them and the next 7 days.
public struct StatusReport: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    /// Entries per list in a report, so that it stays on one page; the rest are counted (`and 3 more`).
    static let listLimit = 6

    /// Reads and renders the site's pages (no output is written) and applies the format's template
    /// (`ReportOutput`). The text is nil when the site has errors.
    public func render(_ format: ReportFormat) -> (text: String?, diagnostics: [Diagnostic]) {
        var options = self.options
        options.outputs = OutputRegistry.report(format)
        let result = SiteBuild(options: options).plan()
        guard result.succeeded, let file = result.files.first else { return (nil, result.diagnostics) }
        return (String(decoding: file.data, as: UTF8.self), result.diagnostics)
    }

    /// The report of an already collected site model (for tools that have one, such as the fuzzers).
    public static func render(
        _ site: SiteBlocks, config: SiteConfig, theme: Theme, today: Day, format: ReportFormat
    ) -> (text: String, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let text = text(site: site, config: config, theme: theme, today: today, format: format, diagnostics: &diagnostics)
        return (text, diagnostics)
    }

    /// Applies `format`'s template to the summary of `site` on `today`.
    static func text(site: SiteBlocks, config: SiteConfig, theme: Theme, today: Day, format: ReportFormat, diagnostics: inout [Diagnostic]) -> String
    {
        let recorder = LookupRecorder()
        let object = { (values: [String: Any]) in TemplateObject(values, recorder: recorder) }
        // Links need an address that works wherever the report is read: the published site's.
        let base = config.baseURL
        var status = StatusModel(
            summary: StatusSummary(site, today: today),
            link: { location in
                base.map { PageModelBuilder.absolute($0, location.page) + (location.anchor.map { "#\($0)" } ?? "") }
            }, recorder: recorder)
        status.limit = listLimit
        let model = object([
            "site": object([
                "title": config.title, "description": config.description ?? Absent(), "author": config.author ?? Absent(),
                "language": config.language, "base_url": config.baseURL ?? Absent(),
            ]),
            "report": status.model(),
            "dashboard_url": base.map { PageModelBuilder.absolute($0, SiteRenderer.dashboardPath) } ?? Absent(),
        ])
        var (text, problem) = theme.render(model, template: format.template)
        if let problem { diagnostics.append(problem) }
        // Text and Markdown are read in terminals: control characters from content become visible escapes.
        if format != .html { text = TerminalText.visible(text) }
        let path = theme.templatePaths[format.template] ?? format.template
        for name in recorder.unknownNames {
            diagnostics.append(
                .warning(path, "\(format.template) (or a partial it uses) refers to '\(name)', which the report model does not have (a typo?)"))
        }
        return text
    }
}
