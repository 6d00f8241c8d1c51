import Foundation

/// Another output printed to PDF by headless Chromium (`PDFPrinter`): the export or the report.
/// The browser writes the PDF itself, so it goes straight to `destination`, not into the sink.
public struct PrintedOutput: SiteOutput {
    public var printed: any SiteOutput
    public var css: String
    public var printer: PDFPrinter
    public var destination: URL

    public init(_ printed: any SiteOutput, css: String, printer: PDFPrinter, to destination: URL) {
        self.printed = printed
        self.css = css
        self.printer = printer
        self.destination = destination
    }

    public var needsPageSources: Bool { printed.needsPageSources }

    public func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        let page = MemorySink()
        var result = printed.write(site, into: page)
        guard !result.diagnostics.hasErrors, let file = page.files.first else { return result }
        do {
            try printer.print(html: String(decoding: file.data, as: UTF8.self), css: css, to: destination)
        } catch {
            result.diagnostics.append(.error(destination.lastPathComponent, "could not print the PDF: \(error)"))
        }
        return result
    }
}
