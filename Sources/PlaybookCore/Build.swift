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
        let production = produce(into: sink, clock: clock, reading: nil)
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
        let remembered = options.useCache ? options.memory?.cache(store: store) : nil
        // The inputs' signatures are read on another thread while this one decodes the manifest.
        let signing = options.useCache && remembered == nil ? BackgroundWork { [self] in inputSignatures() } : nil
        let previous = remembered ?? (options.useCache ? store.loadManifest() : nil)
        // The pages are decoded on other threads from now on, while the inputs are read and checked.
        let reading = previous.map { remembered != nil ? CacheReading(complete: $0) : CacheReading(manifest: $0, folder: options.cacheFolder) }
        let clock = StageClock()
        let inputs = options.useCache ? signing?.wait() ?? inputSignatures(expecting: previous?.inputs.count ?? 0) : [:]
        // A build that had no highlighting engine is never "up to date": the engine may be installed now.
        if let previous, !previous.highlightUnavailable, let upToDate = upToDate(previous, inputs: inputs) {
            clock.lap("no-op check")
            return BuildResult(
                files: [], diagnostics: finish(upToDate.diagnostics), pageCount: upToDate.pageCount, timings: clock.stages, upToDate: true)
        }
        let writer = SiteWriter(output: options.output, lock: options.swapLock)
        do {
            let (sink, outputTrusted) = try writer.begin()
            sink.previousFolder = previous?.outputFolder == options.output.path && outputTrusted ? options.output : nil
            let production = produce(into: sink, clock: clock, reading: reading, signatures: inputs)
            var diagnostics = production.diagnostics
            guard !diagnostics.hasErrors else {
                writer.abort()
                return BuildResult(files: [], diagnostics: diagnostics, pageCount: production.pageCount, timings: clock.stages)
            }
            let outputs: [String: BuildCache.OutputRecord]
            do {
                outputs = try writer.commit(sink)
            } catch {
                writer.abort()
                diagnostics.append(.error(options.output.path, "could not write the site: \(error.localizedDescription)"))
                return BuildResult(files: [], diagnostics: diagnostics, pageCount: production.pageCount, timings: clock.stages)
            }
            clock.lap("swap")
            if options.useCache, var cache = production.cache {
                production.highlighter?.currentCache.save(in: options.cacheFolder)
                cache.highlightUnavailable = production.highlighter?.engineUnavailable ?? false
                cache.inputs = inputs
                cache.outputs = outputs
                cache.diagnostics = production.unstrictDiagnostics
                store.save(cache)
                options.memory?.keep(cache, store: store)
                if options.endsProcess { LeftAtExit.keep([cache]) }
                clock.lap("cache")
            }
            if options.endsProcess { LeftAtExit.keep([previous as Any, inputs]) }
            var result = BuildResult(files: [], diagnostics: diagnostics, pageCount: production.pageCount, timings: clock.stages)
            (result.site, result.inputs) = (production.site, inputs)
            return result
        } catch {
            writer.abort()
            return BuildResult(
                files: [], diagnostics: [.error(options.output.path, "could not write the site: \(error.localizedDescription)")], pageCount: 0)
        }
    }

    /// The pipeline: load → parse → route → render Markdown → assemble → apply theme → write into `sink`.
    /// `reading` (the last build's cache, being read) lets unchanged pages skip parsing, rendering and
    /// templating; what may be reused is decided once, in `ReusePlan`. `contentOnly` stops after the
    /// site model.
    /// `signatures`: the input files' signatures, when the build has just read them.
    func produce(
        into sink: OutputSink, clock: StageClock = StageClock(), reading: CacheReading?, signatures: [String: FileSignature] = [:],
        contentOnly: Bool = false
    ) -> Production {
        let output = options.output
        let inputs = SiteInputs.load(options)
        let highlighter =
            inputs.config.highlight
            ? CodeHighlighter(cache: options.useCache ? HighlightCache.load(from: options.cacheFolder) : HighlightCache(), pythons: options.pythons)
            : nil
        clock.lap("config+theme")
        var loader = ContentLoader(root: options.root, reusing: reading?.manifest)
        loader.known = signatures
        loader.parallel = Parallel(jobs: options.jobs)
        var content = loader.load()
        // A build that renders every page, some with fenced code, starts Pygments now on another
        // thread: its start (a Python import, a good part of a small site's build) then overlaps
        // parsing and rendering instead of waiting for the first code block.
        if reading == nil, !contentOnly, let highlighter, content.pages.contains(where: { Self.hasFence($0.data) }) {
            _ = BackgroundWork { highlighter.start() }
        }
        clock.lap("load")
        let cached = reading?.wait()
        // What the last output folder holds now, read ahead for the reuse check (it changes only at
        // commit). Not sooner: until the cache is decoded the other core has enough to do, and from
        // here to the templates it has little.
        let outputFiles = cached != nil && (sink as? DirectorySink)?.previousFolder != nil ? BackgroundWork { OutputRecords.read(output) } : nil
        if reading != nil { clock.lap("cache read") }
        // The pages could not be read after all: the ones skipped as unchanged are read now.
        if reading != nil, cached == nil, !content.unchangedPages.isEmpty { content = ContentLoader(root: options.root).load() }
        let parallel = Parallel(jobs: options.jobs)
        let collector = SourceCollector(options: options, parallel: parallel)
        var sources = collector.collect(&content, cached: cached)  // takes the pages' bytes out of `content`
        clock.lap("parse")
        let placeholders = sources.failedPaths.map(PageParser().placeholder)
        let (routes, routeProblems) = RoutePlanner().plan(sources.sources + placeholders)
        // (Only when some page got no route: paths are unique, so the count tells.)
        if routes.outputPath.count < sources.sources.count + placeholders.count { sources.keepSources { routes.outputPath[$0.path] != nil } }
        let assets = content.assets.map { OutputFile(path: PageRenderer.outputPath(ofContentFile: $0.path), data: $0.data) }
        let knownFiles = Set((inputs.theme?.staticFiles ?? []).map(\.path) + assets.map(\.path))
        let exporting = inputs.config.export.includes(pageCount: sources.sources.count)
        // Only a cache compares it (digesting the configuration as text is not free).
        let environment =
            options.useCache
            ? BuildHashes.environment(options: options, inputs: inputs, knownFiles: knownFiles, routes: routes, exporting: exporting) : 0
        var plan = ReusePlan(cached: cached, environment: environment)
        // The last build had no highlighting engine: if it runs now, every page is rendered again.
        if cached?.highlightUnavailable == true, highlighter?.start() == true { plan.environmentSame = false }
        if !plan.environmentSame { collector.reparseReused(&sources) }
        highlighter?.rendersEveryPage(sources.reused.isEmpty)
        var renderer = PageRenderer(
            config: inputs.config, routes: routes, buildDate: options.buildDate, dataFiles: inputs.dataFiles, files: knownFiles)
        renderer.highlighter = highlighter
        let rendered = MarkdownStage(renderer: renderer, parallel: parallel, keepSources: exporting).render(&sources, routes: routes, cached: cached)
        let encoding = options.useCache ? CacheEncoding(rendered.pages, keepingSources: exporting, folder: options.cacheFolder) : nil
        defer { encoding?.finish() }  // whatever way this returns, no file is written after the build
        // Giving freed memory back costs time in proportion to the heap: worth it only after much work.
        let renderedMany = rendered.fresh.count >= 1000
        if renderedMany { FreedMemory.release() }
        clock.lap("markdown")
        var diagnostics =
            inputs.diagnostics + content.diagnostics + routeProblems + rendered.diagnostics
            + AnchorChecker(severity: inputs.config.brokenLinks).check(rendered.pages)

        let tree = SiteTreeBuilder(siteTitle: inputs.config.title).build(rendered.pages, routes: routes)
        let site = SiteBlocks(pages: tree.pagesInOrder)
        var production = Production(
            diagnostics: finish(diagnostics), unstrictDiagnostics: diagnostics, pageCount: rendered.pages.count, cache: nil, site: site,
            theme: inputs.theme, config: inputs.config)
        production.highlighter = highlighter
        guard !contentOnly, let theme = inputs.theme else { return contentOnly ? production : production.withoutPages() }
        // The dashboard's summary is made on another core while the structure is hashed.
        let today = options.buildDate
        let summary = (inputs.config.dashboard ?? site.hasDashboardItems) ? BackgroundWork { StatusSummary(site, today: today) } : nil
        let hashes = StructureHashes(tree, site: site, dashboard: summary != nil, useCache: options.useCache)
        let dashboard = summary?.wait()
        clock.lap("structure")

        var siteRenderer = SiteRenderer(theme: theme, config: inputs.config)
        siteRenderer.parallel = parallel
        siteRenderer.dashboard = dashboard
        // Without a cache or an export nothing reads a page's HTML once its file is written (the search
        // index wants only the plain text): a large site's HTML is let go page by page as it is written.
        siteRenderer.forgetsWrittenHTML = !options.useCache && !exporting
        siteRenderer.linksExport = exporting
        let reusable = plan.outputs(
            structure: hashes.structure, listings: hashes.listings, dashboard: hashes.dashboard, changed: rendered.changed, tree: tree,
            output: options.output, current: { outputFiles?.wait() ?? OutputRecords.read(output) })
        siteRenderer.reuse = reusable.reuse
        (sink as? DirectorySink)?.previousRecords = reusable.current
        var extras = ExtrasWriter(
            options: options, inputs: inputs, theme: theme, renderer: renderer, parallel: parallel, dashboard: dashboard, exporting: exporting)
        if options.useCache {
            let last = cached?.search.flatMap { $0.token == cached?.token ? $0 : nil }
            extras.search = SearchIndexBuilder.Continuity(last: last, fresh: rendered.fresh, reuse: siteRenderer.reuse, link: { sink.reuse($0) })
        }
        // A build that reuses pages renders few of them, one thread's work: the search index and the
        // other extras are written on another thread meanwhile. So does a full build of a small site:
        // the extras' serial parts (numbering the search words) fill the cores' gaps, 147 against
        // 155 ms at 1,000 pages (docs/guide/performance.md). A larger full build keeps them one after the
        // other, each on every core, so that their memory is not needed at once (peak RSS at 10,000 pages).
        let writeExtras: @Sendable () -> ([Diagnostic], SearchIndexState) = { [extras, tree, assets] in
            extras.write(tree, assets: assets, into: sink)
        }
        let extrasAlongside = siteRenderer.reuse != nil || tree.pagesInOrder.count <= ExtrasWriter.alongsideLimit ? BackgroundWork(writeExtras) : nil
        let (pageCount, renderProblems) = siteRenderer.render(tree, into: sink)
        if renderedMany || siteRenderer.reuse == nil { FreedMemory.release() }
        clock.lap("templates+write")
        let (extraProblems, searchState) = extrasAlongside?.wait() ?? writeExtras()
        diagnostics += renderProblems + extraProblems
        clock.lap("search+extras")

        var cache = BuildCache(environment: environment, hashes: hashes, records: sources.records, pageCount: pageCount, output: options.output)
        // Names this build's search state, so that it is never read with another build's manifest.
        let token = UInt64.random(in: 1...UInt64.max)
        cache.token = token
        if let encoding { (cache.rendered, cache.pendingPages) = (encoding.pages, encoding.finish()) }
        if options.useCache {
            var state = searchState
            state.token = token
            cache.search = state
            cache.pendingSearch = BuildCacheStore.writeSearch(state, in: options.cacheFolder)
        }
        production.diagnostics = finish(diagnostics)
        production.unstrictDiagnostics = diagnostics
        production.pageCount = pageCount
        production.cache = cache
        if options.endsProcess { LeftAtExit.keep([cached as Any, rendered, tree, site, sources, plan, production]) }
        return production
    }

    /// True when `data` has a code fence opener (three backticks or tildes) anywhere.
    static func hasFence(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            guard bytes.count >= 3 else { return false }
            for index in 0..<(bytes.count - 2) where bytes[index] == 0x60 || bytes[index] == 0x7e {
                if bytes[index + 1] == bytes[index], bytes[index + 2] == bytes[index] { return true }
            }
            return false
        }
    }

    /// `--strict` turns warnings into errors; diagnostics are printed sorted by file and line.
    private func finish(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let all = options.strict ? diagnostics.map { Diagnostic(.error, $0.location, $0.message) } : diagnostics
        return all.sortedForDisplay
    }
}
