import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook check`: report every problem without writing anything.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report problems in content/, data/ and the theme without writing any output.",
        discussion: """
            Checks front matter, generated blocks, links between pages (.md links and #heading anchors), \
            images and source: data files. Prints path:line: error|warning: message for each; exits 1 when \
            any error remains (with --strict, when any warning does). External links are not fetched.
            """)

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    func run() throws {
        var options = BuildOptions(root: site.rootURL)
        options.strict = strict
        options.includeDrafts = drafts
        options.buildDate = try BuildDate.current()
        let result = SiteBuild(options: options).plan()
        DiagnosticPrinter.print(result.diagnostics)
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        let summary =
            "checked \(result.pageCount) page\(result.pageCount == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if errors > 0 {
            FileHandle.standardError.write(Data((summary + "\n").utf8))
            throw ExitCode.failure
        }
        print(summary)
    }
}
