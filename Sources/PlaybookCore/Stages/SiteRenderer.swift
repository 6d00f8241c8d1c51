import Foundation

/// Applies the theme's templates to the site tree: one HTML file per page and section, plus 404.
public struct SiteRenderer: @unchecked Sendable {
    public var theme: Theme
    public var config: SiteConfig

    public init(theme: Theme, config: SiteConfig) {
        self.theme = theme
        self.config = config
    }

    /// How many pages of each layout have their template lookups checked for unknown names.
    static let recordedPagesPerLayout = 200

    /// Renders pages on all cores unless `parallel.jobs` is 1; the result is the same either way.
    public var parallel = Parallel()
    /// Output paths whose previous copy is still right (incremental builds): the sink reuses them.
    public var reuse: ((String) -> Bool)?
    /// What the dashboard shows; nil when the site has no dashboard.
    public var dashboard: StatusSummary?
    /// Let go of each page's HTML once its file is written (see `PageText.forgetHTML`): for a build
    /// that reads it no more (no cache to store it in, no export), so that a large site's HTML is
    /// not held whole while its pages are templated.
    public var forgetsWrittenHTML = false
    /// Whether the build writes the one-file export, which pages then link to.
    public var linksExport = true

    public static let dashboardPath = OutputNames.dashboard

    /// One output file: its template, its path, its model and the page it shows.
    typealias Job = (template: String, path: String, model: (PageModelBuilder) -> TemplateObject, page: RenderedPage?)

    /// Renders every page into `sink`; returns the number of pages written and the diagnostics.
    public func render(_ tree: SiteTree, into sink: OutputSink) -> (Int, [Diagnostic]) {
        var shared = PageModelBuilder(config: config, tree: tree, recorder: nil)
        shared.dashboard = dashboard
        shared.linksExport = linksExport
        var diagnostics: [Diagnostic] = []
        let jobs = jobs(for: tree, diagnostics: &diagnostics)
        // Each page records its template lookups on its own (no lock on the hot path); the records are
        // merged per layout, so an unknown name is reported against the layout that used it.
        let pieces = SharedPieces(theme: theme)
        // Lookups are recorded on the first pages of each layout only: enough to catch a typo, and
        // recording every lookup of every page of a large site costs a fifth of its template time.
        var seen: [String: Int] = [:]
        let recorded = jobs.map { job -> Bool in
            seen[job.template, default: 0] += 1
            return seen[job.template]! <= Self.recordedPagesPerLayout
        }
        // (A reused page records nothing: no recorder is made for it.)
        let results = parallel.map(Array(zip(jobs, recorded))) { job, record -> (LookupRecorder?, Diagnostic?) in
            if let reuse, reuse(job.path), sink.reuse(job.path) { return (nil, nil) }
            let recorder = LookupRecorder()
            let builder = shared.recording(to: record ? recorder : nil, pieces: pieces)
            let (html, problem) = theme.render(job.model(builder), template: job.template)
            if let problem { return (recorder, problem) }
            do {
                try sink.write(path: job.path, parts: [html])
                if forgetsWrittenHTML { job.page?.text.forgetHTML() }
                return (recorder, nil)
            } catch {
                return (recorder, .error(job.path, "could not write: \(error.localizedDescription)"))
            }
        }
        diagnostics += pieces.diagnostics + results.compactMap(\.1)
        var recorders = pieces.recorders
        for (job, result) in zip(jobs, results) {
            guard let recorder = result.0 else { continue }
            if let existing = recorders[job.template] { existing.merge(recorder) } else { recorders[job.template] = recorder }
        }
        diagnostics += unknownNames(recorders)
        return (jobs.filter { $0.template != "404" }.count, diagnostics)
    }

    /// One job per output file, in a fixed order: the dashboard first (the largest single page of a big
    /// site, so it is not the last job left), then the sections and their pages, 404, the tag pages.
    private func jobs(for tree: SiteTree, diagnostics: inout [Diagnostic]) -> [Job] {
        var jobs: [Job] = []
        func layout(for page: RenderedPage?, default name: String) -> String {
            guard let page, let layout = page.source.frontMatter.layout else { return name }
            guard theme.has(layout) else {
                diagnostics.append(
                    .error(
                        page.source.path, line: page.source.frontMatter.layoutLine,
                        "layout '\(layout)' not found: add layouts/\(layout).mustache or use one of: \(theme.templatePaths.keys.sorted().joined(separator: ", "))"
                    ))
                return name
            }
            return layout
        }
        func walk(_ section: SiteSection) {
            let isHome = section.folder == "content"
            jobs.append(
                (
                    layout(for: section.index, default: isHome ? "home" : "section"), section.outputPath,
                    { $0.model(for: section.index, section: section, at: section.outputPath) }, section.index
                ))
            for page in section.pages {
                jobs.append((layout(for: page, default: "page"), page.outputPath, { $0.model(for: page, section: nil, at: page.outputPath) }, page))
            }
            section.sections.forEach(walk)
        }
        if let dashboard { jobs.append(("dashboard", Self.dashboardPath, { $0.dashboardModel(dashboard) }, nil)) }
        walk(tree.home)
        jobs.append(("404", "404.html", { $0.notFoundModel() }, nil))
        if !tree.tags.isEmpty {
            jobs.append(("tags", "tags/index.html", { $0.tagsIndexModel() }, nil))
            for tag in tree.tags { jobs.append(("tag", tag.outputPath, { $0.tagModel(tag) }, nil)) }
        }
        return jobs
    }

    /// A warning per name a layout (or a partial it uses) asked for that no page model has.
    private func unknownNames(_ recorders: [String: LookupRecorder]) -> [Diagnostic] {
        recorders.sorted(by: { $0.key < $1.key }).flatMap { template, recorder in
            let path = theme.templatePaths[template] ?? template
            return recorder.unknownNames.map { name in
                Diagnostic.warning(path, "\(template) (or a partial it uses) refers to '\(name)', which no page model has (a typo?)")
            }
        }
    }
}
