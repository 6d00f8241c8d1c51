import ArgumentParser
import Foundation
import PlaybookCore

/// What `--format` accepts: the report's text forms, and a PDF printed from the HTML one.
enum ReportChoice: String, CaseIterable, ExpressibleByArgument {
    case text, md, html, pdf

    var format: ReportFormat {
        switch self {
        case .text: return .text
        case .md: return .md
        case .html, .pdf: return .html
        }
    }
}

/// `playbook report`: a one-page status report made from the site's blocks.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a one-page status report: KPIs, risks, priorities, checklists and the next 7 days.",
        discussion: """
            Made from the blocks the pages already hold (the same figures as public/dashboard.html): \
            headline counts, the KPIs missed or getting worse, risks to escalate and overdue reviews, \
            P1 priorities, checklist progress and overdue items, and what is due in the next 7 days. \
            Dates count from today, or from SOURCE_DATE_EPOCH when it is set.

            Formats: text (an email or chat), md (Markdown), html (one self-contained file that opens \
            from disk and prints on one page), pdf (that page printed on one A4 sheet by headless \
            Chromium; needs --output, and chromium on PATH or --browser). With base_url set in playbook.yml, items link to the \
            published pages. The theme's report templates (report.mustache, report.md.mustache, \
            report.txt.mustache) can be overridden in layouts/.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("text, md, html or pdf.", valueName: "format"))
    var format: ReportChoice = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("The Chromium or Chrome executable for --format pdf.", valueName: "path"))
    var browser: String?

    func validate() throws {
        if format == .pdf {
            guard let output, output.hasSuffix(".pdf") else { throw ValidationError("--format pdf needs --output FILE.pdf") }
        } else if browser != nil {
            throw ValidationError("--browser goes with --format pdf")
        }
    }

    func run() throws {
        var options = BuildOptions(root: site.rootURL)
        options.includeDrafts = drafts
        options.buildDate = try BuildDate.current()
        let url = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
        if let url {
            let root = options.root.path
            for folder in SiteBuild.sourceFolders where url.path.hasPrefix(root + "/" + folder + "/") {
                throw ValidationError("--output must not be inside the site's \(folder)/ folder")
            }
        }
        let report = ReportOutput(format: format.format)
        if format == .pdf, let url {
            let printer = try PDFOutput.printer(browser)
            options.outputs = [PrintedOutput(report, css: PDFPrinter.pageCSS(numbered: false, margin: "12mm"), printer: printer, to: url)]
        } else {
            options.outputs = [report]
        }
        let result = SiteBuild(options: options).plan()
        DiagnosticPrinter.print(result.diagnostics)
        guard result.succeeded else {
            FileHandle.standardError.write(Data("report failed: fix the errors above\n".utf8))
            throw ExitCode.failure
        }
        if format == .pdf, let url {
            let sheets = PDFOutput.pageCount(of: url).map { " (\($0) sheet\($0 == 1 ? "" : "s"))" } ?? ""
            FileHandle.standardError.write(Data("wrote \(url.path)\(sheets)\n".utf8))
            return
        }
        guard let file = result.files.first(where: { $0.path == report.fileName }) else { throw ExitCode.failure }
        guard let url else {
            FileHandle.standardOutput.write(file.data)
            return
        }
        try file.data.write(to: url, options: .atomic)
        FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8))
    }
}
