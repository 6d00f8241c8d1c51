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
        let clock = StageClock(releasing: options.releaseFreedMemory)
        let production = produce(into: sink, clock: clock, reading: nil)
        return BuildResult(files: sink.files, diagnostics: production.diagnostics, pageCount: production.pageCount, timings: clock.stages)
    }

    /// Reads and renders the pages and collects their blocks, with no output (ticks, tests).
    func siteModel() -> Production {
        var options = self.options
        options.outputs = OutputRegistry.none
        return SiteBuild(options: options).produce(into: MemorySink(), reading: nil)
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
        let reading = previous.map {
            remembered != nil
                ? CacheReading(complete: $0) : CacheReading(manifest: $0, folder: options.cacheFolder, blockItems: options.blockKinds.itemCoding)
        }
        let clock = StageClock(releasing: options.releaseFreedMemory)
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
            var production = produce(into: sink, clock: clock, reading: reading, signatures: inputs)
            var diagnostics = production.diagnostics
            guard !diagnostics.hasErrors else {
                writer.abort()
                return BuildResult(files: [], diagnostics: diagnostics, pageCount: production.pageCount, timings: clock.stages)
            }
            let outputs: [String: OutputRecord]
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
                cache = store.save(cache)
                options.memory?.keep(cache, store: store)
                if options.endsProcess { production.leftovers.append(cache) }
                clock.lap("cache")
            }
            var result = BuildResult(files: [], diagnostics: diagnostics, pageCount: production.pageCount, timings: clock.stages)
            (result.site, result.inputs) = (production.site, inputs)
            if options.endsProcess { result.leftovers = BuildResult.Leftovers(production.leftovers + [previous as Any, inputs]) }
            return result
        } catch {
            writer.abort()
            return BuildResult(
                files: [], diagnostics: [.error(options.output.path, "could not write the site: \(error.localizedDescription)")], pageCount: 0)
        }
    }

    /// The pipeline: load and parse → render Markdown → assemble the site tree → run the outputs.
    /// `reading` (the last build's cache, being read) lets unchanged pages skip parsing, rendering and
    /// templating; what may be reused is decided once, in `ReusePlan`. A build whose `options.outputs`
    /// is empty stops at the site model. `signatures`: the input files' signatures, when the build has
    /// just read them.
    func produce(
        into sink: OutputSink, clock: StageClock = StageClock(), reading: CacheReading?, signatures: [String: FileSignature] = [:]
    ) -> Production {
        let previousOutput = (sink as? DirectorySink)?.previousFolder != nil
        let parsed = parse(reading: reading, signatures: signatures, previousOutput: previousOutput, clock: clock)
        // The parsed pages are handed over: their Markdown is let go as they are rendered.
        let markdown = renderMarkdown(consume parsed)
        defer { markdown.encoding?.finish() }  // whatever way this returns, no file is written after the build
        clock.lap("markdown", releasingMemory: markdown.renderedMany)
        let (tree, blocks, dashboard, hashes) = assemble(markdown)
        let (inputs, diagnosed) = (markdown.parsed.inputs, markdown.parsed.diagnostics)
        var production = Production(
            diagnostics: finish(diagnosed), unstrictDiagnostics: diagnosed, highlighter: markdown.parsed.highlighter,
            pageCount: markdown.rendered.pages.count, site: blocks, theme: inputs.theme, config: inputs.config)
        guard let hashes, let theme = inputs.theme else { return options.outputs.isEmpty ? production : production.withoutPages() }
        clock.lap("structure")
        let finished = finishedSite(markdown, theme: theme, tree: tree, blocks: blocks, dashboard: dashboard, hashes: hashes, sink: sink)
        let written = writeOutputs(finished, outputs: markdown.parsed.outputs, into: sink, releasingMemory: markdown.renderedMany, clock: clock)
        let diagnostics = diagnosed + written.diagnostics
        (production.diagnostics, production.unstrictDiagnostics) = (finish(diagnostics), diagnostics)
        production.pageCount = written.pageCount ?? production.pageCount
        production.cache = cacheRecord(markdown, hashes: hashes, written: written)
        if options.endsProcess { production.leftovers = [markdown, tree, blocks, finished] }
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
