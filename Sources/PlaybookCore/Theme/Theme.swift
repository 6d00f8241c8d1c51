import Foundation
import Mustache

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
        let library = deferred?.covers(template) == true ? deferred!.library : library
        let (text, exhausted) = StackGuard.run { library.render(model(), withTemplate: template) ?? "" }
        guard exhausted else { return (text, nil) }
        let path = templatePaths[template] ?? template
        return (
            text,
            .error(path, "template '\(template)' (or a partial it uses) nests too deep: a partial includes itself through a section that never ends")
        )
    }
}

/// Built-in templates kept as text until one of them is rendered; then they are parsed once (under a
/// lock: pages are rendered side by side) into a library that also holds every other template.
final class DeferredTemplates: @unchecked Sendable {
    private let sources: [String: String]
    private let base: MustacheLibrary
    private let lock = NSLock()
    private var joined: MustacheLibrary?

    init(sources: [String: String], joining base: MustacheLibrary) {
        self.sources = sources
        self.base = base
    }

    func covers(_ name: String) -> Bool { sources[name] != nil }

    /// The theme's library with these templates in it too.
    var library: MustacheLibrary {
        lock.withLock {
            if let joined { return joined }
            var library = base
            for (name, text) in sources {
                // Built-in texts parse (tested); one that did not would render as nothing.
                if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) }
            }
            joined = library
            return library
        }
    }
}
