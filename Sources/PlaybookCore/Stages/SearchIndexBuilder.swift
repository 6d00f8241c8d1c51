import Foundation

/// Builds the search index as a script (`search-index.js`): a fetched JSON file is blocked on
/// file://, a `<script>` is not. Each page appears once: `[title, url, headings, text]`, where
/// headings is `[[id, text], …]` and text is the body without headings.
public struct SearchIndexBuilder: Sendable {
    public init() {}

    /// The script text; `url` gives each page's link as the index should store it.
    public func script(for pages: [RenderedPage], parallel: Parallel = Parallel(), url: (RenderedPage) -> String) -> String {
        parts(for: pages, parallel: parallel, url: url).joined()
    }

    /// The script in pieces, in order: write them one after the other (see `OutputSink.write(path:parts:)`).
    public func parts(for pages: [RenderedPage], parallel: Parallel = Parallel(), url: (RenderedPage) -> String) -> [String] {
        let urls = pages.map(url)
        // Entries are encoded independently (in parallel), then written in page order.
        let entries = parallel.map(Array(pages.indices)) { index -> String in
            let page = pages[index]
            let entry = JSONText.encode([page.title, urls[index], page.headings.map { [$0.id, $0.text] }, page.plainText] as [Any])
            return (index == 0 ? "" : ",") + entry
        }
        return ["window.PLAYBOOK_SEARCH=["] + entries + ["];\n"]
    }
}
