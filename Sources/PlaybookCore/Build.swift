import Dispatch
import Foundation
import PlaybookMarkdown

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The site folder: holds `content/`, and optionally `playbook.yml`, `themes/`, `layouts/`, `static/`.
    public var root: URL
    /// Where the site is written; `public/` inside the site folder by default.
    public var output: URL
    public var includeDrafts = false
    /// Replaces `base_url` from `playbook.yml`.
    public var baseURL: String?
    /// Turns every warning into an error (for CI).
    public var strict = false
    /// Worker threads for rendering: 0 is one per core, 1 renders serially (same output).
    public var jobs = 0
    /// Replaces `export` from `playbook.yml` (the `export` command always wants the file).
    public var export: ExportPolicy?
    /// "Today" for overdue checks and calendar stamps; the CLI sets it from `SOURCE_DATE_EPOCH` or the clock.
    public var buildDate = Day(unixTime: 0)

    public init(root: URL, output: URL? = nil) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("public")).standardizedFileURL
    }
}

/// The outcome of a build: files to write and every diagnostic, sorted.
public struct BuildResult: Sendable {
    public var files: [OutputFile]
    public var diagnostics: [Diagnostic]
    /// Pages and section indexes rendered (HTML files other than 404).
    public var pageCount: Int
    /// Wall time of each stage in seconds, in pipeline order.
    public var timings: [(stage: String, seconds: Double)] = []

    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// The build pipeline: load → parse → route → render Markdown → assemble → apply theme → write.
public struct SiteBuild: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    /// Runs every stage and keeps the output in memory (for `check`, `export` and tests).
    public func plan() -> BuildResult {
        let sink = MemorySink()
        let clock = StageClock()
        let (diagnostics, pageCount) = produce(into: sink, clock: clock)
        return BuildResult(files: sink.files, diagnostics: diagnostics, pageCount: pageCount, timings: clock.stages)
    }

    /// Builds into a staging folder and, when the build has no errors, swaps it into the output folder.
    public func run() -> BuildResult {
        if let problem = outputProblem() {
            return BuildResult(files: [], diagnostics: [problem], pageCount: 0)
        }
        let writer = SiteWriter(output: options.output)
        let clock = StageClock()
        do {
            let sink = try writer.begin()
            var (diagnostics, pageCount) = produce(into: sink, clock: clock)
            guard !diagnostics.hasErrors else {
                writer.abort()
                return BuildResult(files: [], diagnostics: diagnostics, pageCount: pageCount, timings: clock.stages)
            }
            do {
                try writer.commit()
            } catch {
                writer.abort()
                diagnostics.append(.error(options.output.path, "could not write the site: \(error.localizedDescription)"))
            }
            clock.lap("swap")
            return BuildResult(files: [], diagnostics: diagnostics, pageCount: pageCount, timings: clock.stages)
        } catch {
            writer.abort()
            return BuildResult(files: [], diagnostics: [.error(options.output.path, "could not write the site: \(error.localizedDescription)")], pageCount: 0)
        }
    }

    /// The pipeline: load → parse → route → render Markdown → assemble → apply theme → write into `sink`.
    /// Returns every diagnostic (sorted) and the number of HTML pages written.
    func produce(into sink: OutputSink, clock: StageClock = StageClock()) -> ([Diagnostic], Int) {
        var diagnostics: [Diagnostic] = []
        let (config, configProblems) = loadConfig()
        diagnostics += configProblems

        var content = ContentLoader(root: options.root).load()
        diagnostics += content.diagnostics
        clock.lap("load")

        let parallel = Parallel(jobs: options.jobs)
        var sources: [PageSource] = []
        for (page, problems) in parallel.map(content.pages, PageParser().parse) {
            diagnostics += problems
            if let page, options.includeDrafts || !page.frontMatter.draft { sources.append(page) }
        }
        content.pages = []  // the decoded sources replace the raw bytes

        clock.lap("parse")
        let (routes, routeProblems) = RoutePlanner().plan(sources)
        diagnostics += routeProblems
        sources.removeAll { routes.outputPath[$0.path] == nil }

        let (theme, themeProblems) = ThemeLoader(root: options.root, config: config).load()
        diagnostics += themeProblems
        let assets = content.assets.map { OutputFile(path: PageRenderer.outputPath(ofContentFile: $0.path), data: $0.data) }
        let knownFiles = Set((theme?.staticFiles ?? []).map(\.path) + assets.map(\.path))
        let renderer = PageRenderer(
            config: config, routes: routes, buildDate: options.buildDate, dataFiles: loadDataFiles(), files: knownFiles)
        var pages: [RenderedPage] = []
        for (page, problems) in parallel.map(sources, renderer.render) {
            pages.append(page)
            diagnostics += problems
        }
        sources = []
        let exporting = config.export.includes(pageCount: pages.count)
        if !exporting {
            // Only the export renders Markdown again; without it the sources can go (a third of the memory).
            for index in pages.indices { pages[index].source.body = "" }
        }
        clock.lap("markdown")
        diagnostics += AnchorChecker().check(pages)

        let tree = SiteTreeBuilder(siteTitle: config.title).build(pages, routes: routes)
        clock.lap("structure")
        guard let theme else { return (finish(diagnostics), 0) }

        var siteRenderer = SiteRenderer(theme: theme, config: config)
        siteRenderer.parallel = parallel
        let (pageCount, renderProblems) = siteRenderer.render(tree, into: sink)
        diagnostics += renderProblems
        clock.lap("templates+write")

        var extras = theme.staticFiles + assets + pages.flatMap(\.attachments)
        extras += HostingFiles(config: config, buildDate: options.buildDate).files(for: tree)
        do {
            try sink.write(path: "search-index.js", parts: SearchIndexBuilder().parts(for: tree.pagesInOrder, parallel: parallel, url: \.outputPath))
        } catch {
            diagnostics.append(.error("search-index.js", "could not write: \(error.localizedDescription)"))
        }
        if tree.readingOrder.count > PageModelBuilder.inlineNavigationLimit {
            extras.append(OutputFile(path: NavScriptBuilder.fileName, text: NavScriptBuilder().script(for: tree)))
        }
        if exporting {
            var exporter = ExportBuilder(config: config, theme: theme, renderer: renderer)
            exporter.parallel = parallel
            extras.append(exporter.build(tree, images: assets))
        }
        for file in extras {
            do { try sink.write(file) } catch {
                diagnostics.append(.error(file.path, "could not write: \(error.localizedDescription)"))
            }
        }
        clock.lap("search+extras")
        return (finish(diagnostics), pageCount)
    }

    /// `--strict` turns warnings into errors; diagnostics are printed sorted by file and line.
    private func finish(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let all = options.strict ? diagnostics.map { Diagnostic(.error, $0.location, $0.message) } : diagnostics
        return all.sortedForDisplay
    }

    /// Every regular file under `data/` (links are not followed), keyed `data/NAME`.
    private func loadDataFiles() -> [String: Data] {
        var files: [String: Data] = [:]
        for (path, url) in FileTree.regularFiles(below: options.root.appendingPathComponent("data")) {
            files["data/\(path)"] = FileManager.default.contents(atPath: url.path)
        }
        return files
    }

    private func loadConfig() -> (SiteConfig, [Diagnostic]) {
        let url = options.root.appendingPathComponent("playbook.yml")
        var (config, diagnostics) = (SiteConfig(), [Diagnostic]())
        if FileTree.kind(of: url) != .missing {
            guard case .file = FileTree.kind(of: url), let data = FileManager.default.contents(atPath: url.path) else {
                return (config, [.error("playbook.yml", "playbook.yml is not a readable file")])
            }
            let text = PageParser.decode(data, path: "playbook.yml", diagnostics: &diagnostics)
            let (parsed, problems) = SiteConfigParser().parse(text)
            config = parsed
            diagnostics += problems
        }
        if let base = options.baseURL { config.baseURL = base }
        if let export = options.export { config.export = export }
        return (config, diagnostics)
    }

    /// The output folder must not be the site itself, hold it, or sit inside its sources.
    func outputProblem() -> Diagnostic? {
        let root = options.root.path, output = options.output.path
        if output == root || root.hasPrefix(output + "/") || output == "/" {
            return .error(output, "the output folder would contain the site's own sources; choose another --output")
        }
        for folder in ["content", "themes", "layouts", "static", "data"] {
            let source = options.root.appendingPathComponent(folder).path
            if output == source || output.hasPrefix(source + "/") {
                return .error(output, "the output folder is inside \(folder)/; choose another --output")
            }
        }
        return SiteWriter(output: options.output).checkReplaceable()
    }
}

/// Checks `#fragment` links against the heading ids of the page they point at.
struct AnchorChecker {
    func check(_ pages: [RenderedPage]) -> [Diagnostic] {
        let ids = Dictionary(pages.map { ($0.outputPath, Set($0.headings.map(\.id))) }, uniquingKeysWith: { a, _ in a })
        var diagnostics: [Diagnostic] = []
        for page in pages {
            for link in page.links {
                guard let fragment = link.fragment, !fragment.isEmpty, let known = ids[link.targetPath] else { continue }
                let decoded = fragment.removingPercentEncoding ?? fragment
                if !known.contains(decoded) && !PageRenderer.themeIDs.contains(decoded) {
                    diagnostics.append(.error(page.source.path, line: link.line,
                        "link '\(link.written)' points at a heading '#\(decoded)' that does not exist"))
                }
            }
        }
        return diagnostics
    }
}

/// Measures the wall time between stages of a build.
final class StageClock: @unchecked Sendable {
    private var last = DispatchTime.now()
    private(set) var stages: [(stage: String, seconds: Double)] = []

    func lap(_ stage: String) {
        let now = DispatchTime.now()
        stages.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
