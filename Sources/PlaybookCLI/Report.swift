import ArgumentParser
import Foundation
import PlaybookCore

extension ReportFormat: ExpressibleByArgument {}

/// `playbook report`: a one-page status report made from the site's blocks.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a one-page status report: KPIs, risks, priorities, checklists and the next 7 days.",
        discussion: """
            Made from the blocks the pages already hold (the same figures as public/dashboard.html): \
            headline counts, the KPIs missed or getting worse, risks to escalate and overdue reviews, \
            P1 priorities, checklist progress and overdue items, and what is due in the next 7 days. \
            Dates count from today, or from SOURCE_DATE_EPOCH when it is set.

            Formats: text (an email or chat), md (Markdown), html (one self-contained file that opens \
            from disk and prints on one page). With base_url set in playbook.yml, items link to the \
            published pages. The theme's report templates (report.mustache, report.md.mustache, \
            report.txt.mustache) can be overridden in layouts/.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("text, md or html.", valueName: "format"))
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    func run() throws {
        var options = BuildOptions(root: site.rootURL)
        options.includeDrafts = drafts
        options.buildDate = try BuildDate.current()
        let (text, diagnostics) = StatusReport(options: options).render(format)
        DiagnosticPrinter.print(diagnostics)
        guard let text else {
            FileHandle.standardError.write(Data("report failed: fix the errors above\n".utf8))
            throw ExitCode.failure
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: output).standardizedFileURL
        let root = options.root.path
        for folder in SiteBuild.sourceFolders where url.path.hasPrefix(root + "/" + folder + "/") {
            throw ValidationError("--output must not be inside the site's \(folder)/ folder")
        }
        try Data(text.utf8).write(to: url, options: .atomic)
        FileHandle.standardError.write(Data("wrote \(url.path)\n".utf8))
    }
}
