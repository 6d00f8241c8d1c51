import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Builds the one-file export: every page in reading order in one self-contained HTML file, with
/// CSS, JavaScript, the search index and images inlined and every internal link turned into an anchor.
public struct ExportBuilder: @unchecked Sendable {
    public var config: SiteConfig
    public var theme: Theme
    /// The renderer used for the site; the export re-renders pages with anchors instead of URLs.
    public var renderer: PageRenderer

    public static let fileName = OutputNames.export
    public var parallel = Parallel()
    /// What the site's dashboard shows; the export then opens with it.
    public var dashboard: StatusSummary?
    /// Hands the memory the page copies freed back to the system (`BuildOptions.releaseFreedMemory`).
    public var releaseFreedMemory: (@Sendable () -> Void)?

    public init(config: SiteConfig, theme: Theme, renderer: PageRenderer) {
        self.config = config
        self.theme = theme
        self.renderer = renderer
    }

    /// The file's text (`playbook.html`), and a problem when its templates recursed too deep.
    public func build(_ tree: SiteTree, images: [OutputFile]) -> (text: String, problem: Diagnostic?) {
        let anchors = Dictionary(uniqueKeysWithValues: tree.readingOrder.enumerated().map { ($0.element, "p\($0.offset + 1)") })
        var byPath: [String: RenderedPage] = [:]
        for page in tree.pagesInOrder { byPath[page.outputPath] = page }
        var sectionTitles: [String: String] = [:]
        for section in [tree.home] + tree.allSections { sectionTitles[section.outputPath] = section.title }

        let pages: [(anchor: String, page: RenderedPage?, path: String)] = tree.readingOrder.map { (anchors[$0] ?? $0, byPath[$0], $0) }
        let copies = renderCopies(pages, tree: tree, anchors: anchors, images: images)
        let entries = zip(pages, copies).map { entry, copy -> TemplateObject in
            guard let copy else {
                return TemplateObject(
                    ["anchor": entry.anchor, "title": sectionTitles[entry.path] ?? entry.path, "show_title": true, "content": ""], recorder: nil)
            }
            return TemplateObject(
                ["anchor": entry.anchor, "title": copy.title, "show_title": !copy.startsWithTitle, "content": copy.html], recorder: nil)
        }
        let css = theme.staticFiles.first { $0.path == "assets/playbook.css" }?.data().map { String(decoding: $0, as: UTF8.self) } ?? ""
        let js = theme.staticFiles.first { $0.path == "assets/playbook.js" }?.data().map { String(decoding: $0, as: UTF8.self) } ?? ""
        let search = SearchIndexBuilder().script(for: copies.compactMap { $0 }, parallel: parallel) { "#" + (anchors[$0.outputPath] ?? "") }
        let toc = tree.readingOrder.map { path in
            TemplateObject(["anchor": anchors[path] ?? path, "title": byPath[path]?.title ?? sectionTitles[path] ?? path], recorder: nil)
        }
        let model = TemplateObject(
            [
                "site": TemplateObject(
                    [
                        "title": config.title, "description": config.description ?? Absent(), "author": config.author ?? Absent(),
                        "language": config.language,
                    ], recorder: nil),
                "pages": entries, "toc": toc,
                "css": Self.inlineSafe(css, closing: "</style"), "js": Self.inlineSafe(js, closing: "</script"),
                "search_index": Self.inlineSafe(search, closing: "</script"),
                "dashboard": dashboard.map { dashboardModel($0, anchors: anchors) } ?? Absent(),
            ], recorder: nil)
        return theme.render(model, template: "export")
    }

    /// Every page rendered again for the file: links become anchors (`#p7`), images `data:` URLs, and
    /// ids carry the page's anchor. Nil for a section without an index page.
    private func renderCopies(
        _ pages: [(anchor: String, page: RenderedPage?, path: String)], tree: SiteTree, anchors: [String: String], images: [OutputFile]
    ) -> [RenderedPage?] {
        var exportRenderer = renderer
        exportRenderer.linkStyle = .singleFile(
            anchors: anchors, images: Dictionary(images.map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a }),
            headings: Dictionary(tree.pagesInOrder.map { ($0.outputPath, Set($0.headings.map(\.id))) }, uniquingKeysWith: { a, _ in a }))
        let copies = parallel.map(pages) { entry -> RenderedPage? in
            guard let page = entry.page else { return nil }
            var pageRenderer = exportRenderer
            pageRenderer.idPrefix = "\(entry.anchor)-"
            var (copy, _) = pageRenderer.render(page.source)
            copy.title = page.title
            // The file needs the HTML and the search text; the block items are the site's already.
            copy.blocks = PageBlocks()
            copy.links = []
            copy.attachments = []
            copy.source.body = ""
            return copy
        }
        releaseFreedMemory?()
        return copies
    }

    /// The dashboard at the top of the file; ids inside the file carry their page's anchor:
    /// `#p7-keep-a-risk-register`.
    private func dashboardModel(_ summary: StatusSummary, anchors: [String: String]) -> Any {
        var status = StatusModel(
            summary: summary,
            link: { location in
                let page = anchors[location.page] ?? ""
                return "#" + page + (location.anchor.map { "-\($0)" } ?? "")
            }, recorder: nil)
        status.limit = StatusModel.dashboardLimit
        return status.model()
    }

    /// Makes text safe inside an inline `<style>` or `<script>` element: every `closing` (`</script`,
    /// in any ASCII case, as the HTML tokenizer matches it) becomes `<\/script`.
    static func inlineSafe(_ text: String, closing: String) -> String {
        let name = Array(closing.utf8.dropFirst(2)).map { $0 | 0x20 }
        let replacement = "<\\/" + closing.dropFirst(2)
        var text = text
        return text.withUTF8 { bytes -> String? in
            // Where each closing tag starts; most texts have none, and are returned as they are.
            var starts: [Int] = []
            var at = 0
            while at + 2 + name.count <= bytes.count {
                guard let base = bytes.baseAddress, let found = memchr(base + at, Int32(UInt8(ascii: "<")), bytes.count - at) else { break }
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                at = start + 1
                guard start + 2 + name.count <= bytes.count, bytes[start + 1] == UInt8(ascii: "/") else { continue }
                if name.indices.allSatisfy({ bytes[start + 2 + $0] | 0x20 == name[$0] }) { starts.append(start) }
            }
            guard !starts.isEmpty else { return nil }
            var result = [UInt8]()
            result.reserveCapacity(bytes.count + starts.count)
            var copied = 0
            for start in starts {
                result += bytes[copied..<start]
                result += replacement.utf8
                copied = start + 2 + name.count
            }
            result += bytes[copied...]
            return String(decoding: result, as: UTF8.self)
        } ?? text
    }
}
