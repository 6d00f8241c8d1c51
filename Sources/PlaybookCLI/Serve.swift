import ArgumentParser
import Foundation
import PlaybookCore
import PlaybookServer

/// `playbook serve`: a live-reloading preview.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it, rebuild on every change and reload open pages.",
        discussion: """
            Watches content/, data/, layouts/, themes/, static/ and playbook.yml. Rebuilds are incremental \
            (the same cache as playbook build). When a rebuild fails, the server keeps serving the last good \
            build and every open page shows the errors until the next good build. The reload script is \
            added to pages only while serving, never to the built files. Listens on 127.0.0.1 unless told \
            otherwise; serves only files inside the output folder. Stop with Ctrl-C.

            Ticking a checklist box on a served page writes it into the Markdown (a task item's [ ] or \
            [x], a checklist item's done:) or the data/ file it comes from, and the site rebuilds. Only \
            pages this server served can write (a secret token per start, their Origin and Host are \
            checked). Writes are on when listening on a loopback address, off otherwise unless \
            --allow-writes; --read-only turns them off (ticks then stay in the browser, as from disk).
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <source>/public).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Address to listen on.", valueName: "host"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Port to listen on; 0 picks a free one.", valueName: "port"))
    var port = 1313

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Open the site in the default browser.")
    var open = false

    @Flag(name: .long, help: "Poll for file changes instead of using inotify.")
    var poll = false

    @Flag(name: .long, help: "Write ticks into the sources even when --host is not a loopback address.")
    var allowWrites = false

    @Flag(name: .long, help: "Never write ticks into the sources.")
    var readOnly = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        if allowWrites && readOnly { throw ValidationError("--allow-writes and --read-only cannot be used together") }
    }

    func run() async throws {
        var build = BuildOptions(root: site.rootURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) })
        build.includeDrafts = drafts
        build.buildDate = try BuildDate.current()
        build.releaseFreedMemory = FreedMemory.release
        var options = DevServerOptions(build: build)
        options.host = host
        options.port = port
        options.polling = poll
        options.allowWrites = allowWrites
        options.readOnly = readOnly
        let server = DevServer(options: options) { line in
            // File names and messages come from content: no control character reaches the terminal.
            FileHandle.standardError.write(Data((TerminalText.visible(line) + "\n").utf8))
        }
        let host = self.host
        let openBrowser = open
        let writes = options.writesEnabled
        let outputPath = build.output.path
        do {
            try await server.run { port in
                let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
                print("Serving \(outputPath) at \(url) (Ctrl-C to stop)")
                print(
                    writes ? "Ticks on served pages are written into the sources (--read-only to stop that)" : "Read-only: ticks stay in the browser")
                fflush(stdout)
                if openBrowser { _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/xdg-open"), arguments: [url]) }
            }
        } catch let error as DevServerError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
