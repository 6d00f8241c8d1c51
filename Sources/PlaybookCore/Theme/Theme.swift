import Foundation
import Mustache

/// Parsed templates and static files of the theme a site uses. Parsed once per build.
public struct Theme: @unchecked Sendable {
    public var library: MustacheLibrary
    /// Template name → the file it came from (`themes/default/templates/page.mustache`), for messages.
    public var templatePaths: [String: String]
    /// Files copied into the output as they are (CSS, JS, images).
    public var staticFiles: [OutputFile]

    /// True when a template of that name exists.
    public func has(_ name: String) -> Bool { templatePaths[name] != nil }
}

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
        var templates: [String: (path: String, text: String)] = [:]
        var statics: [String: Data] = [:]
        for (path, text) in DefaultTheme.files {
            let location = "(built-in default theme)/\(path)"
            if let name = Self.templateName(path) { templates[name] = (location, text) }
            if path.hasPrefix("static/") { statics[String(path.dropFirst("static/".count))] = Data(text.utf8) }
        }
        var diagnostics: [Diagnostic] = []
        let themeFolder = root.appendingPathComponent("themes").appendingPathComponent(config.theme)
        if FileTree.kind(of: themeFolder) == .directory {
            for (path, url) in FileTree.regularFiles(below: themeFolder.appendingPathComponent("templates")) {
                guard let name = Self.templateName("templates/\(path)"), let text = read(url, &diagnostics) else { continue }
                templates[name] = ("themes/\(config.theme)/templates/\(path)", text)
            }
            for (path, url) in FileTree.regularFiles(below: themeFolder.appendingPathComponent("static")) {
                statics[path] = FileManager.default.contents(atPath: url.path)
            }
        } else if config.theme != "default" {
            diagnostics.append(.error("playbook.yml", "theme '\(config.theme)' not found: expected a folder themes/\(config.theme)/"))
        }
        for (path, url) in FileTree.regularFiles(below: root.appendingPathComponent("layouts")) {
            guard let name = Self.templateName("templates/\(path)"), let text = read(url, &diagnostics) else { continue }
            templates[name] = ("layouts/\(path)", text)
        }
        for (path, url) in FileTree.regularFiles(below: root.appendingPathComponent("static")) {
            statics[path] = FileManager.default.contents(atPath: url.path)
        }

        var library = MustacheLibrary()
        var paths: [String: String] = [:]
        _ = PlaybookHTML.registration
        _ = PlaybookMarkdownText.registration
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: PlaybookHTML.pragma(forTemplate: name) + source.text), named: name)
                paths[name] = source.path
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(source.path, line: max(1, error.context.lineNumber - 1), "template error: \(error.error)"))
            } catch {
                diagnostics.append(.error(source.path, "template error: \(error)"))
            }
        }
        for required in ["home", "section", "page", "404", "tags", "tag", "export"] where paths[required] == nil && templates[required] == nil {
            diagnostics.append(.error("themes/\(config.theme)", "the theme has no '\(required).mustache' template"))
        }
        let files = statics.sorted(by: { $0.key < $1.key }).map { OutputFile(path: $0.key, data: $0.value) }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (Theme(library: library, templatePaths: paths, staticFiles: files), diagnostics)
    }

    private func read(_ url: URL, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
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
