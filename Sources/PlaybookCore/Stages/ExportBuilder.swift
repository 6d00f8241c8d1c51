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
    /// The copies of the pages the last build made, and where this build's go (nil: all are made).
    public var pieces: ExportPieceCache?
    /// The last build's search words (the site's index, of the same pages when the order is the same).
    var searchContinuity: SearchIndexBuilder.Continuity?

    public init(config: SiteConfig, theme: Theme, renderer: PageRenderer) {
        self.config = config
        self.theme = theme
        self.renderer = renderer
    }

    /// The file's text (`playbook.html`), and a problem when its templates recursed too deep.
    public func build(_ tree: SiteTree, images: [OutputFile]) -> (text: String, problem: Diagnostic?) {
        let (parts, problem) = parts(tree, images: images)
        return (parts.joined(), problem)
    }

    /// The file's text in the order it is written, without joining it (it holds the site again, and
    /// every image): the template's text between the pages, each page's copy and the search index.
    /// With `pieces`, the copies a page's key finds in the cache are taken from it, and the cache is
    /// left holding this file's copies.
    public func parts(_ tree: SiteTree, images: [OutputFile]) -> (parts: [String], problem: Diagnostic?) {
        let anchors = Dictionary(uniqueKeysWithValues: tree.readingOrder.enumerated().map { ($0.element, "p\($0.offset + 1)") })
        var byPath: [String: RenderedPage] = [:]
        for page in tree.pagesInOrder { byPath[page.outputPath] = page }
        var sectionTitles: [String: String] = [:]
        for section in [tree.home] + tree.allSections { sectionTitles[section.outputPath] = section.title }

        let pages: [(anchor: String, page: RenderedPage?, path: String)] = tree.readingOrder.map { (anchors[$0] ?? $0, byPath[$0], $0) }
        let copies = renderCopies(pages, tree: tree, anchors: anchors, images: images)
        // The page copies and the search index go in after the template: it gets a marker for each.
        let markers = TextMarkers("export")
        var fills: [String] = []
        func marker(_ text: String) -> String {
            fills.append(text)
            return markers.marker(fills.count - 1)
        }
        let entries = zip(pages, copies).map { entry, copy -> TemplateObject in
            guard let page = entry.page, let copy else {
                return TemplateObject(
                    ["anchor": entry.anchor, "title": sectionTitles[entry.path] ?? entry.path, "show_title": true, "content": ""], recorder: nil)
            }
            return TemplateObject(
                ["anchor": entry.anchor, "title": page.title, "show_title": !page.startsWithTitle, "content": marker(copy)], recorder: nil)
        }
        let css = theme.staticFiles.first { $0.path == "assets/playbook.css" }?.data().map { String(decoding: $0, as: UTF8.self) } ?? ""
        let js = theme.staticFiles.first { $0.path == "assets/playbook.js" }?.data().map { String(decoding: $0, as: UTF8.self) } ?? ""
        // The search index of the site's pages, with the ids their copies have (the anchor first).
        let searched = pages.compactMap { entry in
            entry.page.map { page -> RenderedPage in
                var view = page
                view.headings = page.headings.map { heading in
                    var prefixed = heading
                    prefixed.id = "\(entry.anchor)-" + heading.id
                    return prefixed
                }
                return view
            }
        }
        let search = SearchIndexBuilder().script(for: searched, parallel: parallel, continuity: searchContinuity) {
            "#" + (anchors[$0.outputPath] ?? "")
        }
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
                "search_index": marker(Self.inlineSafe(search, closing: "</script")),
                "dashboard": dashboard.map { dashboardModel($0, anchors: anchors) } ?? Absent(),
            ], recorder: nil)
        let (text, problem) = theme.render(model, template: "export")
        let (pieces, numbers) = markers.split(text, count: fills.count)
        var parts: [String] = []
        parts.reserveCapacity(pieces.count + numbers.count)
        for (piece, number) in zip(pieces, numbers) {
            parts.append(String(piece))
            parts.append(fills[number])
        }
        parts.append(String(pieces[pieces.count - 1]))
        return (parts, problem)
    }

    /// Every page's HTML rendered again for the file: links become anchors (`#p7`), images `data:`
    /// URLs, and ids carry the page's anchor. Nil for a section without an index page.
    private func renderCopies(
        _ pages: [(anchor: String, page: RenderedPage?, path: String)], tree: SiteTree, anchors: [String: String], images: [OutputFile]
    ) -> [String?] {
        var exportRenderer = renderer
        exportRenderer.linkStyle = .singleFile(
            anchors: anchors, images: Dictionary(images.map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a }),
            headings: Dictionary(tree.pagesInOrder.map { ($0.outputPath, Set($0.headings.map(\.id))) }, uniquingKeysWith: { a, _ in a }))
        let last = pieces?.load()
        let shared = pieces.map { pieces in CopyKeys(renderer: exportRenderer, images: images, source: pieces.source) }
        let copies = parallel.map(pages) { entry -> (html: String, key: UInt64?, stored: Int?)? in
            guard let page = entry.page else { return nil }
            let key = shared?.key(page, anchor: entry.anchor)
            if let key, let last, let index = last.index(of: key) {
                return (String(decoding: last.bytes(at: index), as: UTF8.self), key, index)
            }
            var pageRenderer = exportRenderer
            pageRenderer.idPrefix = "\(entry.anchor)-"
            return (pageRenderer.render(page.source).0.html, key, nil)
        }
        releaseFreedMemory?()
        if let pieces {
            pieces.save(
                copies.compactMap { copy in
                    guard let copy, let key = copy.key else { return nil }
                    return (key, copy.stored.flatMap { index in last.map { .stored($0, index) } } ?? .text(copy.html))
                }, last: last)
        }
        return copies.map { $0?.html }
    }

    /// What a page's copy is kept by in the cache (`ExportPieceCache`).
    private struct CopyKeys {
        let renderer: PageRenderer
        let source: (String) -> UInt64?
        /// The images' paths and bytes, and whether code was highlighted.
        let shared: UInt64

        init(renderer: PageRenderer, images: [OutputFile], source: @escaping (String) -> UInt64?) {
            var digest = Digest()
            digest.add(renderer.highlighter.map { $0.engineUnavailable ? "plain code" : "highlighted code" } ?? "no highlighting")
            for image in images {
                digest.add(image.path)
                digest.add(image.data)
            }
            (self.renderer, self.source, shared) = (renderer, source, digest.value)
        }

        func key(_ page: RenderedPage, anchor: String) -> UInt64? {
            guard let source = source(page.source.path) else { return nil }
            var digest = Digest()
            digest.add(Int(truncatingIfNeeded: source))
            digest.add(Int(truncatingIfNeeded: shared))
            digest.add(anchor)
            for link in page.links { digest.add(renderer.url(to: link.targetPath, fragment: link.fragment, from: page.outputPath)) }
            return digest.value
        }
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
