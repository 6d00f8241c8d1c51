import Foundation

/// Applies the theme's templates to the site tree: one HTML file per page and section, plus 404.
public struct SiteRenderer: @unchecked Sendable {
    public var theme: Theme
    public var config: SiteConfig

    public init(theme: Theme, config: SiteConfig) {
        self.theme = theme
        self.config = config
    }

    public func render(_ tree: SiteTree) -> ([OutputFile], [Diagnostic]) {
        // One recorder per layout, so an unknown name is reported against the layout that used it.
        let shared = PageModelBuilder(config: config, tree: tree, recorder: nil)
        var recorders: [String: LookupRecorder] = [:]
        func builder(_ template: String) -> PageModelBuilder {
            let recorder = recorders[template] ?? LookupRecorder()
            recorders[template] = recorder
            return shared.recording(to: recorder)
        }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []

        func emit(_ template: String, _ model: (PageModelBuilder) -> TemplateObject, to path: String) {
            let model = model(builder(template))
            let html = theme.library.render(model, withTemplate: template) ?? ""
            files.append(OutputFile(path: path, text: html))
        }
        func layout(for page: RenderedPage?, default name: String) -> String {
            guard let page, let layout = page.source.frontMatter.layout else { return name }
            guard theme.has(layout) else {
                diagnostics.append(.error(page.source.path, line: page.source.frontMatter.layoutLine,
                    "layout '\(layout)' not found: add layouts/\(layout).mustache or use one of: \(theme.templatePaths.keys.sorted().joined(separator: ", "))"))
                return name
            }
            return layout
        }
        func walk(_ section: SiteSection) {
            let isHome = section.folder == "content"
            let template = layout(for: section.index, default: isHome ? "home" : "section")
            emit(template, { $0.model(for: section.index, section: section, at: section.outputPath) }, to: section.outputPath)
            for page in section.pages {
                emit(layout(for: page, default: "page"), { $0.model(for: page, section: nil, at: page.outputPath) }, to: page.outputPath)
            }
            section.sections.forEach(walk)
        }
        walk(tree.home)
        emit("404", { $0.notFoundModel() }, to: "404.html")
        if !tree.tags.isEmpty {
            emit("tags", { $0.tagsIndexModel() }, to: "tags/index.html")
            for tag in tree.tags { emit("tag", { $0.tagModel(tag) }, to: tag.outputPath) }
        }

        for (template, recorder) in recorders {
            let path = theme.templatePaths[template] ?? template
            for name in recorder.unknownNames {
                diagnostics.append(.warning(path, "\(template) (or a partial it uses) refers to '\(name)', which no page model has (a typo?)"))
            }
        }
        return (files, diagnostics)
    }
}
