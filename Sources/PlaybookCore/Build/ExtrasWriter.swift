import Foundation

/// Writes what is not a page: the theme's static files, assets and attachments, hosting files, the
/// search index, the sidebar script of large sites and the one-file export.
///
/// Unchecked: its search continuity holds closures; they are the ones the page renderer already calls
/// from every thread (`reuse`) and the sink's own `reuse` (locked), so a writer may run on another
/// thread while pages are rendered.
struct ExtrasWriter: @unchecked Sendable {
    var options: BuildOptions
    var inputs: SiteInputs
    var theme: Theme
    var renderer: PageRenderer
    var parallel: Parallel
    var dashboard: StatusSummary?
    var exporting: Bool
    /// The last build's search index to start from (a long-running process).
    var search: SearchIndexBuilder.Continuity?
    /// Up to this many pages a full build writes the extras while it renders the pages.
    static let alongsideLimit = 2_000

    /// Also returns the search index's words, for the next build.
    func write(_ tree: SiteTree, assets: [OutputFile], into sink: OutputSink) -> ([Diagnostic], SearchIndexState) {
        var diagnostics: [Diagnostic] = []
        func attempt(_ path: String, _ verb: String = "write", _ body: () throws -> Void) {
            do { try body() } catch {
                diagnostics.append(.error(path, "could not \(verb): \(error.localizedDescription)"))
            }
        }
        for file in theme.staticFiles { attempt(file.path, "copy") { try sink.copy(file) } }
        var files = assets + tree.pagesInOrder.flatMap(\.attachments)
        files += HostingFiles(config: inputs.config, buildDate: options.buildDate).files(for: tree)
        let index = SearchIndexBuilder(split: inputs.config.searchShards)
        let state = index.write(for: tree.pagesInOrder, parallel: parallel, url: \.outputPath, continuity: search) { path, parts in
            attempt(path) { try sink.write(path: path, parts: parts) }
        }
        if tree.readingOrder.count > PageModelBuilder.inlineNavigationLimit {
            // Titles and paths only: while the site's structure is the same, so is the script.
            let path = NavScriptBuilder.fileName
            if let reuse = search?.reuse, let link = search?.link, reuse(path), link(path) {
            } else {
                files.append(OutputFile(path: path, text: NavScriptBuilder().script(for: tree)))
            }
        }
        if exporting {
            var exporter = ExportBuilder(config: inputs.config, theme: theme, renderer: renderer)
            exporter.parallel = parallel
            exporter.dashboard = dashboard
            let (export, problem) = exporter.build(tree, images: assets)
            if let problem { diagnostics.append(problem) }
            attempt(ExportBuilder.fileName) { try sink.write(path: ExportBuilder.fileName, parts: [export]) }
        }
        for file in files { attempt(file.path) { try sink.write(file) } }
        return (diagnostics, state)
    }
}
