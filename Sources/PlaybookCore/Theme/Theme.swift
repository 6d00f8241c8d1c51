import Foundation
import Mustache
import PlaybookMarkdown

/// Parsed templates and static files of the theme a site uses. Parsed once per build.
public struct Theme: @unchecked Sendable {
    public var library: MustacheLibrary
    /// Template name → the file it came from (`themes/default/templates/page.mustache`), for messages.
    public var templatePaths: [String: String]
    /// Files copied into the output as they are (CSS, JS, images), sorted by path.
    public var staticFiles: [StaticFile]
    /// Built-in templates parsed the first time one of them is rendered (nil: all were parsed).
    var deferred: DeferredTemplates?

    /// True when a template of that name exists.
    public func has(_ name: String) -> Bool { templatePaths[name] != nil }

    /// Renders `template` with `model`; the diagnostic reports recursion that had to be stopped (the
    /// text is then incomplete).
    public func render(_ model: @autoclosure () -> Any, template: String) -> (text: String, problem: Diagnostic?) {
        // The model is made inside the guard: building it renders the sidebar, which may recurse too.
        let library = deferred?.covers(template) == true ? deferred!.library(for: template) : library
        let (text, exhausted) = StackGuard.run { library.render(model(), withTemplate: template) ?? "" }
        guard exhausted else { return (text, nil) }
        let path = templatePaths[template] ?? template
        return (
            text,
            .error(path, "template '\(template)' (or a partial it uses) nests too deep: a partial includes itself through a section that never ends")
        )
    }
}

/// Built-in templates kept as text until one of them is rendered; then that one is parsed, with the
/// deferred templates it includes (the dashboard and the export include `dashboard-body`), once (under
/// a lock: pages are rendered side by side) into a library that also holds every other template. A
/// build renders the dashboard and the export but no report: the report templates, the longest and
/// slowest to parse (swift-mustache's parser is quadratic in a template's length), stay text.
final class DeferredTemplates: @unchecked Sendable {
    private let sources: [String: String]
    private let base: MustacheLibrary
    private let lock = NSLock()
    private var parsed: [String: MustacheTemplate] = [:]
    private var joined: MustacheLibrary?

    init(sources: [String: String], joining base: MustacheLibrary) {
        self.sources = sources
        self.base = base
    }

    func covers(_ name: String) -> Bool { sources[name] != nil }

    /// Names parsed so far (tests).
    var parsedNames: Set<String> { lock.withLock { Set(parsed.keys) } }

    /// The theme's library with `name` and the deferred templates it includes in it too.
    func library(for name: String) -> MustacheLibrary {
        lock.withLock {
            let needed = Self.closure(of: name, in: sources)
            if let joined, needed.isSubset(of: parsed.keys) { return joined }
            for name in needed.sorted() where parsed[name] == nil {
                // Built-in texts parse (tested); one that did not would render as nothing.
                if let text = sources[name], let template = try? MustacheTemplate(string: text) { parsed[name] = template }
            }
            var library = base
            for (name, template) in parsed { library.register(template, named: name) }
            joined = library
            return library
        }
    }

    /// `name` and every deferred template its text names, and theirs in turn (any mention counts, as
    /// in `ThemeLoader.deferred`: more is parsed than needed, never less).
    static func closure(of name: String, in sources: [String: String]) -> Set<String> {
        var found: Set<String> = [name]
        var queue = [name]
        while let next = queue.popLast() {
            guard let text = sources[next] else { continue }
            for other in sources.keys where !found.contains(other) && ByteSearch.contains(text, other) {
                found.insert(other)
                queue.append(other)
            }
        }
        return found
    }
}
