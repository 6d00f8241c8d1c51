import Foundation
import Mustache
import PlaybookMarkdown

/// Reads the theme: the built-in default, then `themes/NAME/`, then the site's own `layouts/`.
///
/// Later sources replace earlier ones file by file, so a theme or a site overrides only what it needs.
public struct ThemeLoader: Sendable {
    public var root: URL
    public var config: SiteConfig

    public init(root: URL, config: SiteConfig) {
        self.root = root
        self.config = config
    }

    public func load() -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let (templates, statics) = sources(&diagnostics)
        var parsed: [String: MustacheTemplate] = [:]
        var paths: [String: String] = [:]
        _ = PlaybookHTML.registration
        _ = PlaybookMarkdownText.registration
        let deferring = Self.deferred(templates.mapValues(\.text))
        var deferred: [String: String] = [:]
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            paths[name] = source.path
            if deferring.contains(name) {
                deferred[name] = PlaybookHTML.pragma(forTemplate: name) + source.text
            } else if let template = Self.parse(name, source, &diagnostics) {
                parsed[name] = template
            } else {
                paths[name] = nil
            }
        }
        let sources = parsed.keys.reduce(into: [String: String]()) { $0[$1] = templates[$1]?.text }
        for cycle in PartialCycles.mayHaveCycles(sources) ? PartialCycles.find(in: parsed) : [] {
            let what = cycle.count == 2 ? "partial '\(cycle[0])' includes itself" : "partials include each other"
            diagnostics.append(.error(paths[cycle[0]] ?? cycle[0], "\(what): \(cycle.joined(separator: " → ")) (this recursion could never end)"))
        }
        let library = MustacheLibrary(templates: parsed)
        for required in ["home", "section", "page", "404", "tags", "tag", "export"] where paths[required] == nil && templates[required] == nil {
            diagnostics.append(.error("themes/\(config.theme)", "the theme has no '\(required).mustache' template"))
        }
        let files = statics.sorted(by: { $0.key < $1.key }).map { StaticFile(path: $0.key, source: $0.value) }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        var theme = Theme(library: library, templatePaths: paths, staticFiles: files)
        if !deferred.isEmpty { theme.deferred = DeferredTemplates(sources: deferred, joining: library) }
        return (theme, diagnostics)
    }

    /// The theme's templates (by name, with the path shown in errors) and static files: the built-in
    /// default's, then `themes/NAME/`'s, then the site's `layouts/` and `static/`, each replacing the
    /// files of the same name before it.
    private func sources(
        _ diagnostics: inout [Diagnostic]
    ) -> (templates: [String: (path: String, text: String)], statics: [String: StaticFile.Source]) {
        var templates: [String: (path: String, text: String)] = [:]
        var statics: [String: StaticFile.Source] = [:]
        for (path, text) in DefaultTheme.files {
            let location = "(built-in default theme)/\(path)"
            if let name = Self.templateName(path) { templates[name] = (location, text) }
            if path.hasPrefix("static/") { statics[String(path.dropFirst("static/".count))] = .bytes(Data(text.utf8)) }
        }
        let themePath = "themes/\(config.theme)"
        let themeFolder = root.appendingPathComponent(themePath)
        func add(templatesIn folder: URL, display: String) {
            for entry in FileTree.regularFiles(below: folder, display: display, warnings: &diagnostics) {
                guard let name = Self.templateName("templates/\(entry.path)"), let text = read(entry.url, &diagnostics) else { continue }
                templates[name] = ("\(display)/\(entry.path)", text)
            }
        }
        func add(staticsIn folder: URL, display: String) {
            for entry in FileTree.regularFiles(below: folder, display: display, warnings: &diagnostics) {
                statics[entry.path] = .file(entry.url, entry.signature)
            }
        }
        switch FileTree.kind(of: themeFolder) {
        case .directory:
            add(templatesIn: themeFolder.appendingPathComponent("templates"), display: "\(themePath)/templates")
            add(staticsIn: themeFolder.appendingPathComponent("static"), display: "\(themePath)/static")
        case .symbolicLink:
            diagnostics.append(FileTree.linkSkipped(themePath))
            if config.theme != "default" {
                diagnostics.append(
                    .error("playbook.yml", "theme '\(config.theme)' not found: themes/\(config.theme) is a symbolic link, not a folder"))
            }
        default:
            if config.theme != "default" {
                diagnostics.append(.error("playbook.yml", "theme '\(config.theme)' not found: expected a folder themes/\(config.theme)/"))
            }
        }
        add(templatesIn: root.appendingPathComponent("layouts"), display: "layouts")
        add(staticsIn: root.appendingPathComponent("static"), display: "static")
        return (templates, statics)
    }

    /// Parses one template; nil, with an error at the author's line, when it does not parse.
    private static func parse(_ name: String, _ source: (path: String, text: String), _ diagnostics: inout [Diagnostic]) -> MustacheTemplate? {
        do {
            return try MustacheTemplate(string: PlaybookHTML.pragma(forTemplate: name) + source.text)
        } catch let error as MustacheTemplate.ParserError {
            // The pragma line added in front of the source is not the author's.
            let parsedLine = max(1, error.context.lineNumber - 1)
            let line =
                (error.error as? MustacheTemplate.Error).map {
                    TemplateErrorLine.line(of: $0, in: source.text, parsedLine: parsedLine)
                } ?? parsedLine
            let stopped = parsedLine > line ? " (parsing stopped at line \(parsedLine))" : ""
            diagnostics.append(.error(source.path, line: line, "template error: \(TemplateErrorLine.message(for: error.error))\(stopped)"))
        } catch {
            diagnostics.append(.error(source.path, "template error: \(error)"))
        }
        return nil
    }

    /// Built-in templates only the report, the export and a dashboard use: two thirds of the built-in
    /// theme's text (parsing it was 5% of a one-page rebuild). No other built-in template includes them
    /// (`DefaultThemeTests`).
    static let deferrable =
        ["report", "report.md", "report.txt", "export", "dashboard", "dashboard-body"] + dashboardSections

    /// The dashboard's sections, each a partial of `dashboard-body`: swift-mustache's parsing time grows
    /// with the square of a template's length (each read measures the distance to the end), and with
    /// the body in one 6 KB file the dashboard's templates took 40 M instructions to parse, 18 M now.
    static let dashboardSections = [
        "dashboard-kpis", "dashboard-risks", "dashboard-priorities", "dashboard-checklists", "dashboard-week", "dashboard-more",
    ]

    /// The deferrable templates that are parsed only when one is rendered: those whose text is the
    /// built-in one (so it is known to parse: a theme copied from the default stays fast), unless a
    /// template parsed up front might include them (its text names them anywhere): one of the site's
    /// own, or a deferrable one that is parsed up front itself (a changed `home` that names `dashboard`
    /// makes `dashboard` parsed up front, and with it `dashboard-body`, which `dashboard` includes).
    static func deferred(_ templates: [String: String]) -> Set<String> {
        let builtIn = { (name: String) in DefaultTheme.files["templates/\(name).mustache"] }
        var upFront = Array(templates.filter { builtIn($0.key) != $0.value }.values)
        var deferred = Set(deferrable.filter { name in templates[name] != nil && templates[name] == builtIn(name) })
        while case let named = deferred.filter({ name in upFront.contains { ByteSearch.contains($0, name) } }), !named.isEmpty {
            deferred.subtract(named)
            upFront += named.compactMap { templates[$0] }
        }
        return deferred
    }

    private func read(_ url: URL, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let data = FileReading.contents(of: url.path), let text = String(data: data, encoding: .utf8)
        else {
            diagnostics.append(.error(url.path, "could not read template as UTF-8"))
            return nil
        }
        return text
    }

    /// `templates/page.mustache` → `page`; nil for anything that is not a template.
    static func templateName(_ path: String) -> String? {
        guard path.hasPrefix("templates/"), path.hasSuffix(".mustache") else { return nil }
        return String(path.dropFirst("templates/".count).dropLast(".mustache".count))
    }
}
