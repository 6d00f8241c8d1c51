import Dispatch
import Foundation
import PlaybookMarkdown

/// Checks `#fragment` links against the heading ids of the page they point at.
struct AnchorChecker {
    /// Warning by default, error with `links: error` (and with `--strict`).
    var severity = Diagnostic.Severity.warning

    func check(_ pages: [RenderedPage]) -> [Diagnostic] {
        // Only pages some link points into are looked at (by their headings, a short list each).
        guard pages.contains(where: { $0.links.contains { !($0.fragment ?? "").isEmpty } }) else { return [] }
        var byPath: [String: Int] = [:]
        for (index, page) in pages.enumerated() where byPath[page.outputPath] == nil { byPath[page.outputPath] = index }
        var diagnostics: [Diagnostic] = []
        for page in pages {
            for link in page.links {
                guard let fragment = link.fragment, !fragment.isEmpty, let target = byPath[link.targetPath] else { continue }
                let decoded = fragment.removingPercentEncoding ?? fragment
                if !pages[target].headings.contains(where: { $0.id == decoded }) && !PageRenderer.themeIDs.contains(decoded) {
                    diagnostics.append(
                        Diagnostic(
                            severity, SourceLocation(path: page.source.path, line: link.line),
                            "link '\(link.written)' points at a heading '#\(decoded)' that does not exist"))
                }
            }
        }
        return diagnostics
    }
}
