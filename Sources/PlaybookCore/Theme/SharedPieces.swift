import Foundation

/// Pieces of HTML that many pages show the same, rendered once per distinct piece and shared by the
/// threads that render pages: the sidebar (`nav`, once per distinct sidebar) and the head, header and
/// footer (once per folder).
final class SharedPieces: @unchecked Sendable {
    let theme: Theme
    private let lock = NSLock()
    private var rendered: [String: String] = [:]
    private var lookups: [String: LookupRecorder] = [:]
    private var problems: Set<Diagnostic> = []

    init(theme: Theme) { self.theme = theme }

    /// Lookups made while rendering the pieces, by template, checked like any template's.
    var recorders: [String: LookupRecorder] { lock.withLock { lookups } }

    /// Pieces whose recursion had to be stopped.
    var diagnostics: [Diagnostic] { lock.withLock { Array(problems) } }

    /// The piece `template` renders for `key`, rendering it from `model` (outside the lock) the first
    /// time, without its trailing newlines (the including template has its own).
    func html(of template: String, for key: String, model: (LookupRecorder) -> TemplateObject) -> String {
        let cacheKey = template + "\u{0}" + key
        if let html = lock.withLock({ rendered[cacheKey] }) { return html }
        let recorder = LookupRecorder()
        let (text, problem) = theme.render(model(recorder), template: template)
        var html = text
        while html.hasSuffix("\n") { html.removeLast() }
        lock.withLock {
            rendered[cacheKey] = html
            if let known = lookups[template] { known.merge(recorder) } else { lookups[template] = recorder }
            if let problem { problems.insert(problem) }
        }
        return html
    }
}
