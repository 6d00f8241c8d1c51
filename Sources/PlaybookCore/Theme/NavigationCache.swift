import Foundation

/// Sidebars rendered once per distinct sidebar, shared by the threads that render pages.
final class NavigationCache: @unchecked Sendable {
    let theme: Theme
    private let lock = NSLock()
    private var rendered: [String: String] = [:]
    private let lookups = LookupRecorder()
    private var problems: Set<Diagnostic> = []

    init(theme: Theme) { self.theme = theme }

    /// Lookups made while rendering sidebars, checked like any template's.
    var recorder: LookupRecorder {
        lock.lock()
        defer { lock.unlock() }
        return lookups
    }

    /// Sidebars whose recursion had to be stopped.
    var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return Array(problems)
    }

    /// The cached sidebar for `key`, rendering it from `model` (outside the lock) the first time.
    func html(for key: String, model: (LookupRecorder) -> TemplateObject) -> String {
        lock.lock()
        if let html = rendered[key] {
            lock.unlock()
            return html
        }
        lock.unlock()
        let recorder = LookupRecorder()
        let (text, problem) = theme.render(model(recorder), template: "nav")
        var html = text
        while html.hasSuffix("\n") { html.removeLast() }
        lock.lock()
        rendered[key] = html
        lookups.merge(recorder)
        if let problem { problems.insert(problem) }
        lock.unlock()
        return html
    }
}
