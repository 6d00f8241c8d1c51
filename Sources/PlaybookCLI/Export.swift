import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook export`: the whole playbook as one self-contained HTML file.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole playbook as one self-contained HTML file.",
        discussion: """
            Pages in reading order; CSS, JavaScript, search and images inlined; every internal link \
            turned into an anchor. Open it from disk, send it as an attachment, or print it to PDF \
            (each page starts on a new sheet). A normal build also writes it as public/playbook.html.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The file to write.", valueName: "file"))
    var output: String = "playbook.html"

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    func validate() throws {
        guard output.hasSuffix(".html") || output.hasSuffix(".htm") else {
            throw ValidationError("--output must name an .html file")
        }
    }

    func run() throws {
        var options = BuildOptions(root: site.rootURL)
        options.includeDrafts = drafts
        options.export = .always
        options.buildDate = try BuildDate.current()
        let result = SiteBuild(options: options).plan()
        DiagnosticPrinter.print(result.diagnostics)
        guard result.succeeded, let file = result.files.first(where: { $0.path == ExportBuilder.fileName }) else {
            FileHandle.standardError.write(Data("export failed: fix the errors above\n".utf8))
            throw ExitCode.failure
        }
        let url = URL(fileURLWithPath: output)
        try file.data.write(to: url, options: .atomic)
        print("wrote \(url.path) (\(file.data.count / 1024) KiB, \(result.pageCount) pages)")
    }
}
