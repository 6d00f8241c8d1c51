import Foundation
import PlaybookMarkdown

// The stages of `SiteBuild.produce`, each a value in and a value out.

extension SiteBuild {
    /// Reads the settings, the theme, the data files and the pages; with `reading`, takes the last
    /// build's cache and skips the pages it holds unchanged. Then parses the pages and plans their routes.
    func parse(reading: CacheReading?, signatures: [String: FileSignature], previousOutput: Bool, clock: StageClock) -> ParsedSite {
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
        if reading == nil, !options.outputs.isEmpty, let highlighter, content.pages.contains(where: { Self.hasFence($0.data) }) {
            _ = BackgroundWork { highlighter.start() }
        }
        clock.lap("load")
        let cached = reading?.wait()
        // What the last output folder holds now, read ahead for the reuse check (it changes only at
        // commit). Not sooner: until the cache is decoded the other core has enough to do, and from
        // here to the templates it has little.
        let output = options.output
        let outputFiles = cached != nil && previousOutput ? BackgroundWork { OutputRecords.read(output) } : nil
        if reading != nil { clock.lap("cache read") }
        // The pages could not be read after all: the ones skipped as unchanged are read now.
        if reading != nil, cached == nil, !content.unchangedPages.isEmpty { content = ContentLoader(root: options.root).load() }
        let collector = SourceCollector(options: options, parallel: Parallel(jobs: options.jobs))
        var sources = collector.collect(&content, cached: cached)  // takes the pages' bytes out of `content`
        clock.lap("parse")
        let placeholders = sources.failedPaths.map(PageParser().placeholder)
        let (routes, routeProblems) = RoutePlanner().plan(sources.sources + placeholders)
        // (Only when some page got no route: paths are unique, so the count tells.)
        if routes.outputPath.count < sources.sources.count + placeholders.count { sources.keepSources { routes.outputPath[$0.path] != nil } }
        let assets = content.assets.map { OutputFile(path: PageRenderer.outputPath(ofContentFile: $0.path), data: $0.data) }
        var parsed = ParsedSite(
            inputs: inputs, highlighter: highlighter, cached: cached, sources: sources, routes: routes, assets: assets,
            knownFiles: Set((inputs.theme?.staticFiles ?? []).map(\.path) + assets.map(\.path)),
            diagnostics: inputs.diagnostics + content.diagnostics + routeProblems, outputFiles: outputFiles)
        parsed.assetSources = content.assets.map(\.path)
        parsed.outputs = options.outputs.filter { $0.isWanted(config: inputs.config, pageCount: sources.sources.count) }
        return parsed
    }

    /// Decides what the last build's pages can give (`ReusePlan`) and renders the rest to HTML.
    func renderMarkdown(_ parsed: consuming ParsedSite) -> MarkdownSite {
        let (inputs, highlighter) = (parsed.inputs, parsed.highlighter)
        // Every page with its aliases, for wikilinks (which a page's HTML depends on).
        let wikiPages = parsed.sources.sources.map { (path: $0.path, aliases: $0.aliases) }
        // Only a cache compares it (digesting the configuration as text is not free).
        let environment =
            options.useCache
            ? BuildHashes.environment(
                options: options, inputs: inputs, knownFiles: parsed.knownFiles, routes: parsed.routes, exporting: parsed.exporting)
                &+ WikilinkIndex.aliasDigest(wikiPages)
            : 0
        var plan = ReusePlan(cached: parsed.cached, environment: environment)
        // The last build had no highlighting engine: if it runs now, every page is rendered again.
        if parsed.cached?.highlightUnavailable == true, highlighter?.start() == true { plan.environmentSame = false }
        let parallel = Parallel(jobs: options.jobs)
        if !plan.environmentSame {
            SourceCollector(options: options, parallel: parallel).reparseReused(&parsed.sources)
        } else if case let hosts = Self.pagesShowingChangedNotes(parsed.sources), !hosts.isEmpty {
            SourceCollector(options: options, parallel: parallel).reparseReused(&parsed.sources, only: hosts)
        }
        highlighter?.rendersEveryPage(parsed.sources.reused.isEmpty)
        var renderer = PageRenderer(
            config: inputs.config, routes: parsed.routes, buildDate: options.buildDate, dataFiles: inputs.dataFiles, files: parsed.knownFiles)
        renderer.highlighter = highlighter
        renderer.blockKinds = options.blockKinds
        let assetSources = parsed.assetSources
        renderer.readPage = NoteReader(root: options.root).page
        renderer.wikilinks = Lazy {
            WikilinkIndex(
                pages: wikiPages.map { (WikilinkIndex.contentRelative($0.path), $0.aliases) }, files: assetSources.map(WikilinkIndex.contentRelative))
        }
        let stage = MarkdownStage(renderer: renderer, parallel: parallel, keepSources: parsed.keepsSources)
        var rendered = stage.render(&parsed.sources, routes: parsed.routes, cached: parsed.cached?.rendered)
        let encoding =
            options.useCache
            ? CacheEncoding(rendered.pages, keepingSources: parsed.keepsSources, previous: parsed.cached, folder: options.cacheFolder) : nil
        let anchors = AnchorChecker(severity: inputs.config.brokenLinks).check(rendered.pages, url: renderer.url)
        // Links rewritten to a heading's id (cached pages keep the links as written: they are checked
        // and rewritten again on every build, and their files written again).
        for (index, html) in anchors.rewritten {
            rendered.pages[index].html = html
            rendered.changed.insert(rendered.pages[index].outputPath)
        }
        parsed.diagnostics += rendered.diagnostics + anchors.diagnostics
        return MarkdownSite(parsed: parsed, rendered: rendered, renderer: renderer, plan: plan, environment: environment, encoding: encoding)
    }

    /// The reused pages that show a note (`![[Note]]`) that is rendered again (or gone).
    static func pagesShowingChangedNotes(_ sources: PageSources) -> Set<String> {
        var hosts: Set<String> = []
        for (path, page) in sources.reused where !page.embeds.isEmpty {
            if page.embeds.contains(where: { sources.reused[$0] == nil }) { hosts.insert(path) }
        }
        return hosts
    }

    /// Places the pages in the site tree and collects their blocks; for a build with outputs, also
    /// summarises the dashboard and hashes the structure (what decides which outputs can be reused).
    func assemble(_ site: MarkdownSite) -> (tree: SiteTree, blocks: SiteBlocks, dashboard: StatusSummary?, hashes: StructureHashes?) {
        let config = site.parsed.inputs.config
        let tree = SiteTreeBuilder(siteTitle: config.title).build(site.rendered.pages, routes: site.parsed.routes)
        let blocks = SiteBlocks(pages: tree.pagesInOrder, kinds: options.blockKinds)
        guard !site.parsed.outputs.isEmpty, site.parsed.inputs.theme != nil else { return (tree, blocks, nil, nil) }
        // The dashboard's summary is made on another core while the structure is hashed.
        let today = options.buildDate
        let summary = (config.dashboard ?? blocks.hasDashboardItems) ? BackgroundWork { StatusSummary(blocks, today: today) } : nil
        let hashes = StructureHashes(tree, site: blocks, dashboard: summary != nil, useCache: options.useCache)
        return (tree, blocks, summary?.wait(), hashes)
    }

    /// Runs the site's outputs into `sink`: the pages on this thread (on every core), the others
    /// alongside them or after them (`OutputRunner`). Returns their problems, the number of pages
    /// written and the search index's words.
    /// Freed memory is given back once the pages are written when `releasingMemory` (the build
    /// rendered many pages) or when the build reused no page.
    func writeOutputs(
        _ finished: FinishedSite, outputs: [any SiteOutput], into sink: OutputSink, releasingMemory: Bool, clock: StageClock
    ) -> OutputResult {
        let pages = outputs.filter(\.writesPages)
        let others = outputs.filter { !$0.writesPages }
        // A build that reuses pages renders few of them, one thread's work: the other outputs are
        // written on another thread meanwhile. So does a full build of a small site: their serial parts
        // (numbering the search words) fill the cores' gaps, 147 against 155 ms at 1,000 pages. A larger
        // full build keeps them one after the other, each on every core, so that their memory is not
        // needed at once (peak RSS at 10,000 pages).
        let runOthers: @Sendable () -> OutputResult = { OutputResult.merged(others.map { $0.write(finished, into: sink) }) }
        let alongside = finished.reuse != nil || finished.tree.pagesInOrder.count <= Self.alongsideLimit ? BackgroundWork(runOthers) : nil
        let pageResult = OutputResult.merged(pages.map { $0.write(finished, into: sink) })
        if !pages.isEmpty { clock.lap("templates+write", releasingMemory: releasingMemory || finished.reuse == nil) }
        let result = OutputResult.merged([pageResult, alongside?.wait() ?? runOthers()])
        clock.lap("search+extras")
        return result
    }

    /// Up to this many pages a full build writes the other outputs while it renders the pages.
    static let alongsideLimit = 2_000
}

extension OutputResult {
    /// The results of several outputs as one.
    static func merged(_ results: [OutputResult]) -> OutputResult {
        var all = OutputResult(diagnostics: results.flatMap(\.diagnostics))
        all.pageCount = results.compactMap(\.pageCount).first
        all.searchState = results.compactMap(\.searchState).first
        return all
    }
}

extension SiteBuild {
    /// The site as the outputs see it, with what may be reused from the last output folder.
    func finishedSite(
        _ markdown: MarkdownSite, theme: Theme, tree: SiteTree, blocks: SiteBlocks, dashboard: StatusSummary?, hashes: StructureHashes,
        sink: OutputSink
    ) -> FinishedSite {
        let (parsed, output) = (markdown.parsed, options.output)
        let reusable = markdown.plan.outputs(
            structure: hashes.structure, listings: hashes.listings, dashboard: hashes.dashboard, changed: markdown.rendered.changed, tree: tree,
            output: output, current: { parsed.outputFiles?.wait() ?? OutputRecords.read(output) })
        (sink as? DirectorySink)?.previousRecords = reusable.current
        var site = FinishedSite(
            config: parsed.inputs.config, theme: theme, tree: tree, blocks: blocks, dashboard: dashboard, assets: parsed.assets,
            renderer: markdown.renderer, parallel: Parallel(jobs: options.jobs), today: options.buildDate)
        site.exporting = parsed.exporting
        site.releaseFreedMemory = options.releaseFreedMemory
        site.reuse = reusable.reuse
        // Without a cache or an output that renders the pages again, nothing reads a page's HTML once
        // its file is written (the search index wants only the plain text): a large site's HTML is let
        // go page by page as it is written.
        site.forgetsWrittenHTML = !options.useCache && !parsed.keepsSources
        if options.useCache {
            let cached = parsed.cached
            let last = cached?.search.flatMap { $0.token == cached?.token ? $0 : nil }
            site.search = SearchIndexBuilder.Continuity(last: last, fresh: markdown.rendered.fresh, reuse: reusable.reuse, link: { sink.reuse($0) })
            let (records, environment) = (parsed.sources.records, markdown.environment)
            var around = Digest()
            around.add(Int(truncatingIfNeeded: markdown.environment))
            around.add(Int(truncatingIfNeeded: hashes.dashboard))
            around.add(dashboard == nil ? 0 : 1)
            // A page's copy shows the notes it embeds: their files are part of its key.
            var embeds: [String: [String]] = [:]
            for page in markdown.rendered.pages where !page.embeds.isEmpty { embeds[page.source.path] = page.embeds }
            site.exportPieces = ExportPieceCache(folder: options.cacheFolder, site: around.value) { [embeds] path in
                records[path].map { record in
                    var digest = Digest()
                    digest.add(Int(truncatingIfNeeded: environment))
                    for signature in [record.signature] + (embeds[path] ?? []).compactMap({ records[$0]?.signature }) {
                        digest.add(signature.size)
                        digest.add(signature.modified)
                        digest.add(signature.inode)
                    }
                    return digest.value
                }
            }
        }
        return site
    }

    /// The cache describing this build (nil without a cache): its pages are being encoded and its
    /// search words written on other threads, and are waited for when the cache is saved.
    func cacheRecord(_ markdown: MarkdownSite, hashes: StructureHashes, written: OutputResult) -> BuildCache? {
        guard options.useCache else { return nil }
        var cache = BuildCache(
            environment: markdown.environment, hashes: hashes, records: markdown.parsed.sources.records, pageCount: written.pageCount ?? 0,
            output: options.output)
        // Names this build's search state, so that it is never read with another build's manifest.
        let token = UInt64.random(in: 1...UInt64.max)
        cache.token = token
        if let encoding = markdown.encoding { (cache.rendered, cache.pendingPages) = (encoding.pages, encoding.finish()) }
        if var state = written.searchState {
            state.token = token
            cache.search = state
            cache.pendingSearch = BuildCacheStore.writeSearch(state, in: options.cacheFolder)
        }
        return cache
    }
}
