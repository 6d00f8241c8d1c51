import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook build`: render the site into the output folder.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into public/ (or --output).",
        discussion: """
            Every problem is printed as path:line: error|warning: message, all of them at once. \
            The site is written into a staging folder and swapped in only when the build succeeds, \
            so a failed build leaves the previous output untouched.

            Fenced code is highlighted with Pygments, run by the first Python that has it: \
            /usr/bin/python3 (where apt-get install python3-pygments puts it), then python3 on PATH; \
            set PLAYBOOK_PYTHON to choose one. The build date is today, or SOURCE_DATE_EPOCH when set.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <source>/public).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("Override base_url from playbook.yml.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Treat warnings (broken links, missing anchors or images) as errors, for CI.")
    var strict = false

    @Flag(name: .long, help: "Print the time each build stage took.")
    var timings = false

    @Flag(name: .long, help: "Ignore the build cache (.playbook-cache/) and rebuild everything.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: one per core; 1 builds serially, with the same output).", valueName: "n"))
    var jobs: Int = 0

    func validate() throws {
        if jobs < 0 { throw ValidationError("--jobs must be 0 (one per core) or more") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must start with http:// or https://")
        }
    }

    func run() throws {
        let started = Date()
        var options = BuildOptions(root: site.rootURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) })
        options.includeDrafts = drafts
        options.baseURL = baseURL
        options.strict = strict
        options.jobs = jobs
        options.useCache = !noCache
        options.buildDate = try BuildDate.current()
        options.releaseFreedMemory = FreedMemory.release
        // Not under AddressSanitizer: its leak check at exit cannot follow Swift's tagged pointers
        // to what is kept, and would report it as leaked.
        let environment = ProcessInfo.processInfo.environment
        options.endsProcess = environment["ASAN_OPTIONS"] == nil && environment["LSAN_OPTIONS"] == nil
        let result = SiteBuild(options: options).run()
        LeftAtExit.keep(result.leftovers)
        DiagnosticPrinter.print(result.diagnostics)
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        let errors = result.diagnostics.count - warnings
        let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        if timings {
            let text = result.timings.map { "\($0.stage) \(Int($0.seconds * 1000)) ms" }.joined(separator: " · ")
            let peaks = result.timings.map { "\($0.stage) \($0.peakMB)" }.joined(separator: " · ")
            FileHandle.standardError.write(Data("timings: \(text)\npeak RSS (MB) by the end of: \(peaks)\n".utf8))
        }
        if errors > 0 {
            let summary =
                "build failed: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"); \(options.output.path) left unchanged\n"
            FileHandle.standardError.write(Data(summary.utf8))
            throw ExitCode.failure
        }
        let verb = result.upToDate ? "up to date:" : "built"
        print(
            "\(verb) \(result.pageCount) page\(result.pageCount == 1 ? "" : "s") in \(options.output.path): \(warnings) warning\(warnings == 1 ? "" : "s"), \(milliseconds) ms"
        )
    }
}
