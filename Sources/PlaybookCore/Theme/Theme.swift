import Foundation
import Mustache

/// Parsed templates and static files of the theme a site uses. Parsed once per build.
public struct Theme: @unchecked Sendable {
    public var library: MustacheLibrary
    /// Template name → the file it came from (`themes/default/templates/page.mustache`), for messages.
    public var templatePaths: [String: String]
    /// Files copied into the output as they are (CSS, JS, images), sorted by path.
    public var staticFiles: [StaticFile]

    /// True when a template of that name exists.
    public func has(_ name: String) -> Bool { templatePaths[name] != nil }

    /// Renders `template` with `model`; the diagnostic reports recursion that had to be stopped (the
    /// text is then incomplete).
    public func render(_ model: @autoclosure () -> Any, template: String) -> (text: String, problem: Diagnostic?) {
        // The model is made inside the guard: building it renders the sidebar, which may recurse too.
        let (text, exhausted) = StackGuard.run { library.render(model(), withTemplate: template) ?? "" }
        guard exhausted else { return (text, nil) }
        let path = templatePaths[template] ?? template
        return (
            text,
            .error(path, "template '\(template)' (or a partial it uses) nests too deep: a partial includes itself through a section that never ends")
        )
    }
}
