import Dispatch
import Foundation
import PlaybookMarkdown

/// Checks `#fragment` links against the heading ids of the page they point at. A fragment that matches
/// a heading's id only without regard to case (`#Travel-Budget`, which GitHub accepts) is no problem: the
/// link is rewritten to the heading's id.
struct AnchorChecker {
    /// Warning by default, error with `links: error` (and with `--strict`).
    var severity = Diagnostic.Severity.warning

    /// A link's URL as the page writes it: (target page, fragment, page) → `href`.
    typealias LinkURL = (String, String?, String) -> String

    /// The problems, and the pages (by index) whose links are rewritten, with their new HTML.
    func check(_ pages: [RenderedPage], url: LinkURL) -> (diagnostics: [Diagnostic], rewritten: [(index: Int, html: String)]) {
        // Only pages some link points into are looked at (by their headings, a short list each).
        guard pages.contains(where: { $0.links.contains { !($0.fragment ?? "").isEmpty } }) else { return ([], []) }
        var byPath: [String: Int] = [:]
        for (index, page) in pages.enumerated() where byPath[page.outputPath] == nil { byPath[page.outputPath] = index }
        var diagnostics: [Diagnostic] = []
        var rewritten: [(index: Int, html: String)] = []
        for (index, page) in pages.enumerated() {
            var swaps: [(from: String, to: String)] = []
            for link in page.links {
                guard let fragment = link.fragment, !fragment.isEmpty, let target = byPath[link.targetPath] else { continue }
                let decoded = fragment.removingPercentEncoding ?? fragment
                let headings = pages[target].headings
                if headings.contains(where: { $0.id == decoded }) || pages[target].blockIDs.contains(decoded)
                    || PageRenderer.themeIDs.contains(decoded)
                {
                    continue
                }
                let lowered = decoded.lowercased()
                if let heading = headings.first(where: { $0.id.lowercased() == lowered }),
                    let swap = Self.swap(url(link.targetPath, fragment, page.outputPath), url(link.targetPath, heading.id, page.outputPath))
                {
                    swaps.append(swap)
                    continue
                }
                diagnostics.append(
                    Diagnostic(
                        severity, SourceLocation(path: page.source.path, line: link.line),
                        "link '\(link.written)' points at a heading '#\(decoded)' that does not exist"))
            }
            if !swaps.isEmpty {
                var html = page.html
                for swap in swaps { html = html.replacingOccurrences(of: swap.from, with: swap.to) }
                rewritten.append((index, html))
            }
        }
        return (diagnostics, rewritten)
    }

    /// The `href` attributes to swap, when the URLs are written as they are (cmark escapes other
    /// characters in an `href`; such a link keeps its fragment).
    static func swap(_ from: String, _ to: String) -> (from: String, to: String)? {
        let plain = { (url: String) in
            url.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_./#%".unicodeScalars.contains($0)) }
        }
        guard plain(from), plain(to), from != to else { return nil }
        return ("href=\"\(from)\"", "href=\"\(to)\"")
    }
}
