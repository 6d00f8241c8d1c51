import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Prints a self-contained HTML page to PDF with headless Chromium (`--print-to-pdf`), the browser
/// the page was made for: the export's print styles, page breaks and in-file links all carry over.
///
/// Works in a temporary folder beside the PDF (`.NAME.pdf-work/`: the page, the browser's throwaway
/// profile, home and caches, its log, the PDF being written), removed afterwards whatever happens; the
/// PDF appears under its name only when the browser finished it. A browser that does not finish within
/// `timeout` is stopped. The printed page can load nothing but what it holds inline.
public struct PDFPrinter: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case noBrowser
        case browserFailed(String)

        public var description: String {
            switch self {
            case .noBrowser:
                return "no browser to print with: install Chromium (`apt-get install chromium`) or give one with --browser PATH"
            case .browserFailed(let text): return text
            }
        }
    }

    /// The names looked for on `PATH`, in order.
    public static let browserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    public var browser: String
    public var timeout: TimeInterval = 120

    public init(browser: String) { self.browser = browser }

    /// The browser given with `--browser`, else the first of `browserNames` on `PATH`.
    public static func find(_ given: String? = nil, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if let given {
            return FileManager.default.isExecutableFile(atPath: given) ? given : nil
        }
        let folders = (path ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in browserNames {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }

    /// The CSS added for paper: A4 sheets, and the page numbers in the bottom margin when `numbered`.
    public static func pageCSS(numbered: Bool, margin: String = "16mm 14mm 18mm") -> String {
        let numbers = numbered ? " @bottom-center { content: counter(page) \" / \" counter(pages); font: 9pt sans-serif; color: #555; }" : ""
        return "@page { size: A4; margin: \(margin);\(numbers) }"
    }

    /// The policy of the printed page: it loads nothing but what the export inlined (`data:` URLs,
    /// inline styles and scripts). No `file:` URL, so no local file reaches a PDF that is sent to someone.
    public static let contentSecurityPolicy =
        "default-src 'none'; img-src data:; style-src 'unsafe-inline' data:; font-src data:; script-src 'unsafe-inline'; media-src data:; base-uri 'none'; form-action 'none'"

    /// `html` with the policy as the first element of its head (before anything that could load), and
    /// `css` at the end of the head.
    public static func printable(_ html: String, css: String) -> String {
        let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">"
        let style = "<style>\(css)</style>"
        var page = html.range(of: "</head>").map { html.replacingCharacters(in: $0, with: style + "</head>") } ?? style + html
        var insertAt = page.startIndex
        var search = page.startIndex..<page.endIndex
        while let open = page.range(of: "<head", range: search) {
            let next = open.upperBound < page.endIndex ? page[open.upperBound] : ">"
            if next == ">" || next.isWhitespace, let close = page[open.upperBound...].firstIndex(of: ">") {
                insertAt = page.index(after: close)
                break
            }
            search = open.upperBound..<page.endIndex
        }
        page.insert(contentsOf: policy, at: insertAt)
        return page
    }

    /// Prints `html` with `css` added to its head into `output`.
    ///
    /// The work folder `.NAME.pdf-work/` holds `page/page.html` alone in its folder (relative links from
    /// it find nothing) and `browser/`: the profile, and the home, configuration and cache folders the
    /// browser is told to use instead of the user's (crash reports, dconf), all removed afterwards.
    public func print(html: String, css: String, to output: URL) throws {
        let folder = output.deletingLastPathComponent()
        let work = folder.appendingPathComponent(".\(output.lastPathComponent)-work")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: work) }
        let pageFolder = work.appendingPathComponent("page")
        let browserFolder = work.appendingPathComponent("browser")
        for made in [pageFolder, browserFolder] { try FileManager.default.createDirectory(at: made, withIntermediateDirectories: false) }
        let page = pageFolder.appendingPathComponent("page.html")
        let pdf = browserFolder.appendingPathComponent("page.pdf")
        try FileWriting.write(texts: [Self.printable(html, css: css)], to: page.path)

        var arguments = [
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-sync", "--disable-component-update", "--no-pdf-header-footer",
            "--disable-breakpad", "--disable-crash-reporter", "--crash-dumps-dir=\(browserFolder.appendingPathComponent("crashes").path)",
            "--generate-pdf-document-outline", "--user-data-dir=\(browserFolder.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(pdf.path)",
        ]
        // Chromium refuses to run as root with its sandbox on.
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        arguments.append(page.absoluteString)
        let errors = try run(arguments, in: browserFolder, log: browserFolder.appendingPathComponent("browser.log"))
        guard let head = FileReading.contents(of: pdf.path)?.prefix(5), head.elementsEqual(Array("%PDF-".utf8)) else {
            throw Failure.browserFailed("\(browser) wrote no PDF\(Self.excerpt(errors))")
        }
        guard rename(pdf.path, output.path) == 0 else {
            throw Failure.browserFailed("could not move the PDF to \(output.path): \(String(cString: strerror(errno)))")
        }
    }

    /// The browser's environment: the user's, with home, configuration, cache, data and state folders
    /// moved into `folder`. (Not `TMPDIR`: Chromium's singleton socket path there must stay short; the
    /// browser removes that socket itself.)
    static func environment(in folder: URL, base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment = base
        for (name, sub) in [
            ("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
        ] {
            let path = folder.appendingPathComponent(sub).path
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            environment[name] = path
        }
        return environment
    }

    /// Runs the browser; its standard error when it succeeds, a failure (with that output) when it
    /// fails or overruns `timeout`.
    private func run(_ arguments: [String], in folder: URL, log errorFile: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = arguments
        process.environment = Self.environment(in: folder)
        process.currentDirectoryURL = folder
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw Failure.browserFailed("could not start \(browser): \(error.localizedDescription)")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            let output = String(decoding: FileReading.contents(of: errorFile.path) ?? Data(), as: UTF8.self)
            throw Failure.browserFailed("\(browser) did not finish within \(Int(timeout)) s and was stopped\(Self.excerpt(output))")
        }
        let output = String(decoding: FileReading.contents(of: errorFile.path) ?? Data(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure.browserFailed("\(browser) failed (exit \(process.terminationStatus))\(Self.excerpt(output))")
        }
        return output
    }

    /// The browser's last lines of output, without its routine noise (D-Bus, GPU), for an error message.
    static func excerpt(_ output: String) -> String {
        let lines = output.split(separator: "\n").filter { !$0.contains("dbus") && !$0.contains("bytes written to file") }.suffix(8)
        return lines.isEmpty ? "" : ":\n" + lines.map { TerminalText.visible(String($0)) }.joined(separator: "\n")
    }
}
