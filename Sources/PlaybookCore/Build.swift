import Dispatch
import Foundation
import PlaybookMarkdown

/// The build pipeline: load → parse → route → render Markdown → assemble → apply theme → write.
public struct SiteBuild: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    /// Runs every stage and keeps the output in memory (for `check`, `export` and tests). Uses no cache.
    public func plan() -> BuildResult {
        let sink = MemorySink()
        let clock = StageClock()
        let production = produce(into: sink, clock: clock, previous: nil)
        return BuildResult(files: sink.files, diagnostics: production.diagnostics, pageCount: production.pageCount, timings: clock.stages)
    }

    /// Builds into a staging folder and, when the build has no errors, swaps it into the output folder.
    /// With `options.useCache`, unchanged pages are neither parsed, rendered nor templated again, and a
    /// build whose inputs did not change at all writes nothing.
    public func run() -> BuildResult {
        if let problem = outputProblem() {
            return BuildResult(files: [], diagnostics: [problem], pageCount: 0)
        }
        let store = BuildCacheStore(folder: options.cacheFolder)
        store.removeTemporaries()
        let previous = options.useCache ? store.loadManifest() : nil
        let clock = StageClock()
        let inputs = options.useCache ? inputSignatures() : [:]
        if let previous, let upToDate = upToDate(previous, inputs: inputs) {
            clock.lap("no-op check")
            return BuildResult(
                files: [], diagnostics: finish(upToDate.diagnostics), pageCount: upToDate.pageCount, timings: clock.stages, upToDate: true)
        }
        let writer = SiteWriter(output: options.output, lock: options.swapLock)
        do {
            let sink = try writer.begin()
            sink.previousFolder = previous?.outputFolder == options.output.path ? options.output : nil
            let production = produce(into: sink, clock: clock, previous: previous)
            var diagnostics = production.diagnostics
            guard !diagnostics.hasErrors else {
                writer.abort()
                return BuildResult(files: [], diagnostics: diagnostics, pageCount: production.pageCount, timings: clock.stages)
            }
            do {
                try writer.commit()
            } catch {
                writer.abort()
                diagnostics.append(.error(options.output.path, "could not write the site: \(error.localizedDescription)"))
                return BuildResult(files: [], diagnostics: diagnostics, pageCount: production.pageCount, timings: clock.stages)
            }
            clock.lap("swap")
            if options.useCache, var cache = production.cache {
                cache.inputs = inputs
                cache.outputs = OutputRecords.read(options.output)
                cache.diagnostics = production.unstrictDiagnostics
                store.save(cache)
                clock.lap("cache")
            }
            return BuildResult(files: [], diagnostics: diagnostics, pageCount: production.pageCount, timings: clock.stages)
        } catch {
            writer.abort()
            return BuildResult(
                files: [], diagnostics: [.error(options.output.path, "could not write the site: \(error.localizedDescription)")], pageCount: 0)
        }
    }

    /// What `produce` made: diagnostics, page count and the cache describing this build.
    struct Production {
        var diagnostics: [Diagnostic]
        var unstrictDiagnostics: [Diagnostic]
        var pageCount: Int
        var cache: BuildCache?
        /// Every block item of the site (nil when the build stopped before the pages were rendered).
        var site: SiteBlocks?
        var theme: Theme?
        var config = SiteConfig()
    }

    /// The signatures of every input plus a pseudo-entry for the options, the tool and the build date.
    func inputSignatures() -> [String: FileSignature] {
        let root = options.root
        var inputs = FileTree.signatures(below: root.appendingPathComponent("content"), prefix: "content")
        for folder in ["data", "themes", "layouts", "static"] {
            inputs.merge(FileTree.signatures(below: root.appendingPathComponent(folder), prefix: folder)) { a, _ in a }
        }
        if case .file(_, let signature) = FileTree.kind(of: root.appendingPathComponent("playbook.yml")) {
            inputs["playbook.yml"] = signature
        }
        var digest = Digest()
        digest.add(Self.toolVersion)
        digest.add("\(options.includeDrafts) \(options.baseURL ?? "") \(String(describing: options.export)) \(options.buildDate)")
        inputs["#options"] = FileSignature(size: 0, modified: Int(bitPattern: UInt(digest.value)), inode: 0)
        if let tool = Self.toolSignature { inputs["#tool"] = tool }
        return inputs
    }

    /// The previous build's manifest when nothing it was made from has changed and its output is intact.
    private func upToDate(_ previous: BuildCache, inputs: [String: FileSignature]) -> BuildCache? {
        guard previous.outputFolder == options.output.path, previous.inputs == inputs else { return nil }
        guard OutputRecords.matches(previous.outputs, in: options.output) else { return nil }
        return previous
    }

    /// Changes whenever the cache format or the tool does.
    static let toolVersion = "0.1.0/" + BuildCache.formatVersion

    /// The running executable's file: a rebuilt tool (same version number, new code) must neither call
    /// an old build up to date nor reuse pages the old code rendered.
    static let toolSignature: FileSignature? = {
        guard let tool = Bundle.main.executableURL?.resolvingSymlinksInPath(), case .file(_, let signature) = FileTree.kind(of: tool) else {
            return nil
        }
        return signature
    }()

    /// The pipeline: load → parse → route → render Markdown → assemble → apply theme → write into `sink`.
    /// `previous` (a loaded cache manifest) lets unchanged pages skip parsing, rendering and templating.
    func produce(into sink: OutputSink, clock: StageClock = StageClock(), previous: BuildCache?, contentOnly: Bool = false) -> Production {
        var diagnostics: [Diagnostic] = []
        // The cached pages are decoded on another thread while the config and theme are read.
        let cacheFolder = options.cacheFolder
        let reading = previous.map { manifest in
            BackgroundWork { () -> BuildCache? in
                var cache = manifest
                return BuildCacheStore(folder: cacheFolder).loadPages(into: &cache) ? cache : nil
            }
        }
        let (config, configProblems) = loadConfig()
        diagnostics += configProblems
        let (theme, themeProblems) = ThemeLoader(root: options.root, config: config).load()
        diagnostics += themeProblems
        let (dataFiles, dataProblems) = loadDataFiles()
        diagnostics += dataProblems
        clock.lap("config+theme")

        let cached = reading?.wait()
        if cached != nil { clock.lap("cache read") }
        var loader = ContentLoader(root: options.root)
        if let cached {
            let records = cached.pages
            let rendered = cached.rendered
            loader.reuse = { path, signature in records[path]?.signature == signature && rendered[path] != nil }
        }
        var content = loader.load()
        diagnostics += content.diagnostics
        clock.lap("load")

        let parallel = Parallel(jobs: options.jobs)
        var sources: [PageSource] = []
        var records: [String: BuildCache.PageRecord] = [:]
        var pageProblems: [String: [Diagnostic]] = [:]
        for (file, (page, problems)) in zip(content.pages, parallel.map(content.pages, PageParser().parse)) {
            pageProblems[file.path] = problems
            records[file.path] = BuildCache.PageRecord(
                signature: content.signatures[file.path]!, contentHash: Digest.of(file.data), diagnostics: [], hasPage: page != nil)
            if let page, options.includeDrafts || !page.frontMatter.draft { sources.append(page) } else { records[file.path]?.hasPage = false }
        }
        // Pages the loader skipped come from the cache, with the diagnostics they had.
        var reusedPages: [String: RenderedPage] = [:]
        for (path, signature) in content.unchangedPages {
            guard let page = cached?.rendered[path], let record = cached?.pages[path] else { continue }
            reusedPages[path] = page
            sources.append(page.source)
            records[path] = BuildCache.PageRecord(
                signature: signature, contentHash: record.contentHash, diagnostics: record.diagnostics, hasPage: true)
        }
        sources.sort { $0.path < $1.path }
        content.pages = []  // the decoded sources replace the raw bytes
        clock.lap("parse")

        // A page that failed to parse keeps its place in the routes, so links to it are not reported
        // as broken on top of its own error.
        let failed = records.filter { !$0.value.hasPage && pageProblems[$0.key]?.hasErrors == true }.keys.sorted()
        let placeholders = failed.map { PageParser().placeholder(for: $0) }
        let (routes, routeProblems) = RoutePlanner().plan(sources + placeholders)
        diagnostics += routeProblems
        sources.removeAll { routes.outputPath[$0.path] == nil }

        let assets = content.assets.map { OutputFile(path: PageRenderer.outputPath(ofContentFile: $0.path), data: $0.data) }
        let knownFiles = Set((theme?.staticFiles ?? []).map(\.path) + assets.map(\.path))
        let exporting = config.export.includes(pageCount: sources.count)
        let environment = environmentHash(
            config: config, theme: theme, dataFiles: dataFiles, knownFiles: knownFiles, routes: routes, exporting: exporting)
        let renderer = PageRenderer(config: config, routes: routes, buildDate: options.buildDate, dataFiles: dataFiles, files: knownFiles)

        // A cached page is still right when nothing it depends on changed; otherwise it is read again.
        let environmentSame = cached?.environmentHash == environment
        if !environmentSame, !reusedPages.isEmpty {
            let reread = reusedPages.keys.sorted().compactMap { path -> SourceFile? in
                FileReading.contents(of: options.root.appendingPathComponent(path).path).map { SourceFile(path: path, data: $0) }
            }
            let reparsed = Dictionary(uniqueKeysWithValues: zip(reread.map(\.path), parallel.map(reread, PageParser().parse)))
            sources = sources.compactMap { source in
                guard reusedPages[source.path] != nil else { return source }
                pageProblems[source.path] = reparsed[source.path]?.1 ?? []
                return reparsed[source.path]?.0
            }
            reusedPages = [:]
        }
        var pages: [RenderedPage] = []
        var changed: Set<String> = []
        let toRender = sources.filter { reusedPages[$0.path] == nil }
        let renderedNow = Dictionary(uniqueKeysWithValues: zip(toRender.map(\.path), parallel.map(toRender, renderer.render)))
        for source in sources {
            if let page = reusedPages[source.path] {
                pages.append(page)
                diagnostics += records[source.path]?.diagnostics ?? []
                continue
            }
            guard let (page, problems) = renderedNow[source.path] else { continue }
            pages.append(page)
            let all = (pageProblems[source.path] ?? []) + problems
            diagnostics += all
            records[source.path]?.diagnostics = all
            if cached?.rendered[source.path].map({ $0 != page }) ?? true { changed.insert(page.outputPath) }
        }
        for (path, problems) in pageProblems where records[path]?.hasPage == false || routes.outputPath[path] == nil {
            diagnostics += problems
            records[path]?.diagnostics = problems
            records[path]?.hasPage = false
        }
        sources = []
        // The cache's copy of the pages is encoded on another thread while templates are applied.
        var storedPages: [String: RenderedPage] = [:]
        if options.useCache {
            for page in pages {
                var stored = page
                // The export renders Markdown again, so its sources are kept; otherwise they are not needed.
                if !exporting { stored.source.body = "" }
                storedPages[page.source.path] = stored
            }
        }
        let encoding =
            options.useCache
            ? BackgroundWork { [storedPages] in
                BuildCacheStore.writePages(storedPages, in: cacheFolder)
            } : nil
        // Whatever way this returns, the encoder is done before the build is (no file written after it).
        defer { _ = encoding?.wait() }
        FreedMemory.release()
        clock.lap("markdown")
        diagnostics += AnchorChecker().check(pages)

        let tree = SiteTreeBuilder(siteTitle: config.title).build(pages, routes: routes)
        let site = SiteBlocks(pages: tree.pagesInOrder)
        let dashboard = (config.dashboard ?? site.hasDashboardItems) ? StatusSummary(site, today: options.buildDate) : nil
        if contentOnly {
            return Production(
                diagnostics: finish(diagnostics), unstrictDiagnostics: diagnostics, pageCount: pages.count, cache: nil,
                site: site, theme: theme, config: config)
        }
        // Only an incremental build compares it with the last one.
        let dashboardDigest = dashboard == nil || !options.useCache ? 0 : Self.dashboardHash(site)
        var structure = structureHash(tree, listings: false)
        // Every page's navigation links to the dashboard when there is one.
        if dashboard != nil { structure &+= 1 }
        let listings = structureHash(tree, listings: true)
        let listingPages = Set([tree.home.outputPath] + tree.allSections.map(\.outputPath))
        clock.lap("structure")
        guard let theme else { return Production(diagnostics: finish(diagnostics), unstrictDiagnostics: diagnostics, pageCount: 0, cache: nil) }

        // An output file of the last build is linked in unchanged when neither the site's structure nor
        // anything a page depends on changed, and the page itself did not.
        let reuseOutputs = environmentSame && cached?.structureHash == structure && cached?.outputFolder == options.output.path
        let listingsSame = cached?.listingHash == listings
        var siteRenderer = SiteRenderer(theme: theme, config: config)
        siteRenderer.parallel = parallel
        siteRenderer.dashboard = dashboard
        if reuseOutputs, let recorded = cached?.outputs {
            // Only files still exactly as the last build wrote them (no hand edits) are reused.
            let current = OutputRecords.read(options.output)
            siteRenderer.reuse = { path in
                // The dashboard (and the home page's summary of it) shows the blocks of every page.
                if (path == SiteRenderer.dashboardPath || path == tree.home.outputPath) && cached?.dashboardHash != dashboardDigest { return false }
                guard !changed.contains(path), let before = recorded[path], let now = current[path] else { return false }
                // Section, home and tag pages list summaries and dates of other pages.
                if !listingsSame && (listingPages.contains(path) || path.hasPrefix("tags/")) { return false }
                return before.size == now.size && before.modified == now.modified
            }
        }
        let (pageCount, renderProblems) = siteRenderer.render(tree, into: sink)
        diagnostics += renderProblems
        FreedMemory.release()
        clock.lap("templates+write")

        for file in theme.staticFiles {
            do { try sink.copy(file) } catch {
                diagnostics.append(.error(file.path, "could not copy: \(error.localizedDescription)"))
            }
        }
        var extras = assets + pages.flatMap(\.attachments)
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
            exporter.dashboard = dashboard
            let (export, problem) = exporter.build(tree, images: assets)
            if let problem { diagnostics.append(problem) }
            do { try sink.write(path: ExportBuilder.fileName, parts: [export]) } catch {
                diagnostics.append(.error(ExportBuilder.fileName, "could not write: \(error.localizedDescription)"))
            }
        }
        for file in extras {
            do { try sink.write(file) } catch {
                diagnostics.append(.error(file.path, "could not write: \(error.localizedDescription)"))
            }
        }
        clock.lap("search+extras")

        var cache = BuildCache()
        cache.rendered = storedPages
        cache.pendingPages = encoding?.wait() ?? nil
        cache.outputFolder = options.output.path
        cache.environmentHash = environment
        cache.structureHash = structure
        cache.listingHash = listings
        cache.dashboardHash = dashboardDigest
        cache.pages = records
        cache.pageCount = pageCount
        return Production(
            diagnostics: finish(diagnostics), unstrictDiagnostics: diagnostics, pageCount: pageCount, cache: cache, site: site, theme: theme,
            config: config)
    }

    /// Everything a page's HTML depends on besides its own source.
    private func environmentHash(
        config: SiteConfig, theme: Theme?, dataFiles: [String: Data], knownFiles: Set<String>, routes: RouteTable, exporting: Bool
    ) -> UInt64 {
        var digest = Digest()
        digest.add(Self.toolVersion)
        if let tool = Self.toolSignature {
            digest.add(tool.size)
            digest.add(tool.modified)
        }
        digest.add(exporting ? "export" : "no export")
        digest.add(String(describing: config))
        digest.add("\(options.includeDrafts) \(options.buildDate)")
        for (path, data) in dataFiles.sorted(by: { $0.key < $1.key }) {
            digest.add(path)
            digest.add(data)
        }
        for (name, path) in (theme?.templatePaths ?? [:]).sorted(by: { $0.key < $1.key }) {
            digest.add(name)
            digest.add(path)
        }
        for file in theme?.staticFiles ?? [] {
            digest.add(file.path)
            switch file.source {
            case .bytes(let data): digest.add(data)
            case .file(_, let signature):
                digest.add(signature.size)
                digest.add(signature.modified)
                digest.add(signature.inode)
            }
        }
        let templateFiles = FileTree.signatures(below: options.root.appendingPathComponent("themes"), prefix: "themes")
            .merging(FileTree.signatures(below: options.root.appendingPathComponent("layouts"), prefix: "layouts"), uniquingKeysWith: { a, _ in a })
        for (path, signature) in templateFiles.sorted(by: { $0.key < $1.key }) {
            digest.add(path)
            digest.add(signature.size)
            digest.add(signature.modified)
        }
        for file in knownFiles.sorted() { digest.add(file) }
        for (source, output) in routes.outputPath.sorted(by: { $0.key < $1.key }) {
            digest.add(source)
            digest.add(output)
        }
        for (folder, output) in routes.sectionPath.sorted(by: { $0.key < $1.key }) {
            digest.add(folder)
            digest.add(output)
        }
        return digest.value
    }

    /// What every page's navigation shows of the other pages (paths, titles, order, tags), or with
    /// `listings`, what section, home and tag pages add (summaries and dates).
    private func structureHash(_ tree: SiteTree, listings: Bool) -> UInt64 {
        var digest = Digest()
        func add(_ section: SiteSection) {
            digest.add(section.outputPath)
            digest.add(section.title)
            if listings { digest.add(section.summary) }
            for page in section.pages {
                digest.add(page.outputPath)
                digest.add(page.title)
                if listings {
                    digest.add(page.summary)
                    digest.add(page.source.frontMatter.date?.description ?? "")
                }
                for tag in page.source.frontMatter.tags { digest.add(tag) }
            }
            section.sections.forEach(add)
        }
        add(tree.home)
        return digest.value
    }

    /// What the dashboard shows besides the date and settings: every page's path, title and block items.
    static func dashboardHash(_ site: SiteBlocks) -> UInt64 {
        var writer = BinaryWriter()
        for page in site.pages {
            writer.string(page.path)
            writer.string(page.title)
            writer.blocks(page.blocks)
        }
        var digest = Digest()
        writer.bytes.withUnsafeBytes { digest.add($0) }
        return digest.value &+ 1
    }

    /// `--strict` turns warnings into errors; diagnostics are printed sorted by file and line.
    private func finish(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let all = options.strict ? diagnostics.map { Diagnostic(.error, $0.location, $0.message) } : diagnostics
        return all.sortedForDisplay
    }

    /// Every regular file under `data/` (links are skipped with a warning), keyed `data/NAME`.
    private func loadDataFiles() -> ([String: Data], [Diagnostic]) {
        var files: [String: Data] = [:]
        var warnings: [Diagnostic] = []
        for entry in FileTree.regularFiles(below: options.root.appendingPathComponent("data"), display: "data", warnings: &warnings) {
            files["data/\(entry.path)"] = FileReading.contents(of: entry.url.path)
        }
        return (files, warnings)
    }

    private func loadConfig() -> (SiteConfig, [Diagnostic]) {
        let url = options.root.appendingPathComponent("playbook.yml")
        var (config, diagnostics) = (SiteConfig(), [Diagnostic]())
        if FileTree.kind(of: url) != .missing {
            guard case .file = FileTree.kind(of: url), let data = FileReading.contents(of: url.path) else {
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

    /// The folders of a site that hold its sources; nothing Playbook writes may go into them.
    public static let sourceFolders = ["content", "themes", "layouts", "static", "data"]

    /// The output folder must not be the site itself, hold it, or sit inside its sources.
    func outputProblem() -> Diagnostic? {
        let root = options.root.path
        let output = options.output.path
        if output == root || root.hasPrefix(output + "/") || output == "/" {
            return .error(output, "the output folder would contain the site's own sources; choose another --output")
        }
        for folder in Self.sourceFolders {
            let source = options.root.appendingPathComponent(folder).path
            if output == source || output.hasPrefix(source + "/") {
                return .error(output, "the output folder is inside \(folder)/; choose another --output")
            }
        }
        return SiteWriter(output: options.output).checkReplaceable()
    }
}
