import Foundation

/// Builds the search index as a script (`search-index.js`): a fetched JSON file is blocked on
/// file://, a `<script>` is not. Each page appears once: `[title, url, headings, text]`, where
/// headings is `[[id, text], …]` and text is the body without headings.
public struct SearchIndexBuilder: Sendable {
    public init() {}

    /// The script text; `url` gives each page's link as the index should store it.
    public func script(for pages: [RenderedPage], url: (RenderedPage) -> String) -> String {
        let entries: [[Any]] = pages.map { page in
            [page.title, url(page), page.headings.map { [$0.id, $0.text] }, page.plainText]
        }
        return "window.PLAYBOOK_SEARCH=" + JSONText.encode(entries) + ";\n"
    }
}

/// JSON for scripts. JSONSerialization escapes "/" as "\/", so "</script>" can never close an inline script.
enum JSONText {
    static func encode(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
