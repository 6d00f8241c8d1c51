import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook export`: the whole playbook as one self-contained HTML file.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole playbook as one self-contained HTML file.",
        discussion: """
            Pages in reading order; CSS, JavaScript, search and images inlined; every internal link \
            turned into an anchor. Open it from disk, send it as an attachment, or print it to PDF \
            (each page starts on a new sheet). A normal build also writes it as public/playbook.html.

            With --pdf, the same file printed by headless Chromium (chromium, chromium-browser or \
            google-chrome on PATH, or --browser): A4 sheets, each page on a new one, numbered, with \
            bookmarks for the pages and their headings and working links between pages. Checklists \
            show their ticks as written in the sources; nothing is fetched from the network.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The file to write (default: playbook.html, with --pdf playbook.pdf).", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Write a PDF (printed with headless Chromium) instead of HTML.")
    var pdf = false

    @Option(name: .long, help: ArgumentHelp("The Chromium or Chrome executable for --pdf.", valueName: "path"))
    var browser: String?

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    var outputPath: String { output ?? (pdf ? "playbook.pdf" : "playbook.html") }

    func validate() throws {
        if pdf {
            guard outputPath.hasSuffix(".pdf") else { throw ValidationError("with --pdf, --output must name a .pdf file") }
        } else {
            guard outputPath.hasSuffix(".html") || outputPath.hasSuffix(".htm") else {
                throw ValidationError("--output must name an .html file (or give --pdf)")
            }
            guard browser == nil else { throw ValidationError("--browser goes with --pdf") }
        }
    }

    func run() throws {
        var options = BuildOptions(root: site.rootURL)
        options.includeDrafts = drafts
        options.buildDate = try BuildDate.current()
        options.releaseFreedMemory = FreedMemory.release
        let url = URL(fileURLWithPath: outputPath).standardizedFileURL
        if pdf {
            let printer = try PDFOutput.printer(browser)
            options.outputs = [PrintedOutput(ExportOutput(always: true), css: PDFPrinter.pageCSS(numbered: true), printer: printer, to: url)]
        } else {
            options.outputs = OutputRegistry.export
        }
        let result = SiteBuild(options: options).plan()
        DiagnosticPrinter.print(result.diagnostics)
        guard result.succeeded else {
            FileHandle.standardError.write(Data("export failed: fix the errors above\n".utf8))
            throw ExitCode.failure
        }
        if pdf {
            let sheets = PDFOutput.pageCount(of: url).map { ", \($0) sheets" } ?? ""
            print("wrote \(url.path) (\(result.pageCount) pages\(sheets))")
            return
        }
        guard let file = result.files.first(where: { $0.path == ExportBuilder.fileName }) else { throw ExitCode.failure }
        try file.data.write(to: url, options: .atomic)
        print("wrote \(url.path) (\(file.data.count / 1024) KiB, \(result.pageCount) pages)")
    }
}
