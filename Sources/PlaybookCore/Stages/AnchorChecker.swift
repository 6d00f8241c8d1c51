import Dispatch
import Foundation
import PlaybookMarkdown

/// Checks `#fragment` links against the heading ids of the page they point at.
struct AnchorChecker {
    /// Warning by default, error with `links: error` (and with `--strict`).
    var severity = Diagnostic.Severity.warning

    func check(_ pages: [RenderedPage]) -> [Diagnostic] {
        let ids = Dictionary(pages.map { ($0.outputPath, Set($0.headings.map(\.id))) }, uniquingKeysWith: { a, _ in a })
        var diagnostics: [Diagnostic] = []
        for page in pages {
            for link in page.links {
                guard let fragment = link.fragment, !fragment.isEmpty, let known = ids[link.targetPath] else { continue }
                let decoded = fragment.removingPercentEncoding ?? fragment
                if !known.contains(decoded) && !PageRenderer.themeIDs.contains(decoded) {
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
