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
        let last = pieces?.load()
        let copies = renderCopies(pages, tree: tree, anchors: anchors, images: images, last: last)
        // The page copies and the search index go in after the template: the template gets a marker
        // for each, and its text is cut at them (`Skeleton`).
        var fills = copies.compactMap { $0?.html }
        fills.append(Self.inlineSafe(searchScript(pages, anchors: anchors), closing: "</script"))
        let entries = pages.map { entry in
            (
                anchor: entry.anchor, title: entry.page?.title ?? sectionTitles[entry.path] ?? entry.path,
                showTitle: !(entry.page?.startsWithTitle ?? false),
                hasContent: entry.page != nil
            )
        }
        let skeletonKey = pieces.map { pieces in
            var digest = Digest()
            digest.add("export skeleton")
            digest.add(Int(truncatingIfNeeded: pieces.site))
            for entry in entries {
                digest.add(entry.anchor)
                digest.add(entry.title)
                digest.add((entry.showTitle ? 1 : 0) + (entry.hasContent ? 2 : 0))
            }
            return digest.value
        }
        var problem: Diagnostic?
        let storedSkeleton = skeletonKey.flatMap { key in last?.index(of: key) }
        var skeleton = storedSkeleton.flatMap { index in last.flatMap { Skeleton($0.bytes(at: index)) } }
        var skeletonEntry = storedSkeleton.flatMap { index in last.map { KeyedBlobs.Entry.stored($0, index) } }
        if skeleton.map({ !$0.fits(fills.count) }) ?? true {
            let rendered = renderSkeleton(entries, anchors: anchors, fills: fills.count)
            (skeleton, problem) = (rendered.skeleton, rendered.problem)
            skeletonEntry = rendered.skeleton.map { .bytes($0.encoded) }
        }
        if let pieces {
            var kept = copies.compactMap { copy -> (key: UInt64, entry: KeyedBlobs.Entry)? in
                guard let copy, let key = copy.key else { return nil }
                return (key, copy.stored.flatMap { index in last.map { .stored($0, index) } } ?? .text(copy.html))
            }
            if let skeletonKey, let skeletonEntry, problem == nil { kept.append((skeletonKey, skeletonEntry)) }
            pieces.save(kept, last: last)
        }
        return (skeleton?.parts(fills) ?? [], problem)
    }

    /// The export template's text cut at the markers of the pages' copies and the search index: the
    /// pieces between them and the number of the fill each marker stands for. It depends on the
    /// site, the titles and the dashboard, not on the pages' text, so it is kept in the cache too.
    struct Skeleton {
        var pieces: [String]
        var numbers: [Int]

        func fits(_ fills: Int) -> Bool { pieces.count == numbers.count + 1 && numbers.allSatisfy { $0 < fills } }

        func parts(_ fills: [String]) -> [String] {
            var parts: [String] = []
            parts.reserveCapacity(pieces.count + numbers.count)
            for (piece, number) in zip(pieces, numbers) {
                parts.append(piece)
                parts.append(fills[number])
            }
            parts.append(pieces[pieces.count - 1])
            return parts
        }

        init(pieces: [String], numbers: [Int]) { (self.pieces, self.numbers) = (pieces, numbers) }

        init?(_ bytes: UnsafeRawBufferPointer) {
            var reader = BinaryReader(bytes: [UInt8](bytes))
            guard let pieces = try? (0..<reader.int()).map({ _ in try reader.string() }),
                let numbers = try? (0..<reader.int()).map({ _ in try reader.int() })
            else { return nil }
            (self.pieces, self.numbers) = (pieces, numbers)
        }

        var encoded: [UInt8] {
            var writer = BinaryWriter()
            writer.int(pieces.count)
            for piece in pieces { writer.string(piece) }
            writer.int(numbers.count)
            for number in numbers { writer.int(number) }
            return writer.bytes
        }
    }

    /// Renders the export template with a marker for each of `fills` (the pages' copies in order,
    /// then the search index) and cuts it at them.
    private func renderSkeleton(
        _ entries: [(anchor: String, title: String, showTitle: Bool, hasContent: Bool)], anchors: [String: String], fills: Int
    ) -> (skeleton: Skeleton?, problem: Diagnostic?) {
        let markers = TextMarkers("export")
        var next = 0
        func marker() -> String {
            defer { next += 1 }
            return markers.marker(next)
        }
        let pages = entries.map { entry in
            TemplateObject(
                ["anchor": entry.anchor, "title": entry.title, "show_title": entry.showTitle, "content": entry.hasContent ? marker() : ""],
                recorder: nil)
        }
        let css = theme.staticFiles.first { $0.path == "assets/playbook.css" }?.data().map { String(decoding: $0, as: UTF8.self) } ?? ""
        let js = theme.staticFiles.first { $0.path == "assets/playbook.js" }?.data().map { String(decoding: $0, as: UTF8.self) } ?? ""
        let toc = entries.map { TemplateObject(["anchor": $0.anchor, "title": $0.title], recorder: nil) }
        let model = TemplateObject(
            [
                "site": TemplateObject(
                    [
                        "title": config.title, "description": config.description ?? Absent(), "author": config.author ?? Absent(),
                        "language": config.language,
                    ], recorder: nil),
                "pages": pages, "toc": toc,
                "css": Self.inlineSafe(css, closing: "</style"), "js": Self.inlineSafe(js, closing: "</script"),
                "search_index": marker(),
                "dashboard": dashboard.map { dashboardModel($0, anchors: anchors) } ?? Absent(),
            ], recorder: nil)
        let (text, problem) = theme.render(model, template: "export")
        let (pieces, numbers) = markers.split(text, count: fills)
        return (Skeleton(pieces: pieces.map(String.init), numbers: numbers), problem)
    }

    /// The search index of the site's pages, with the ids their copies have (the anchor first); the
    /// words of pages that did not change come from the last build's index.
    private func searchScript(_ pages: [(anchor: String, page: RenderedPage?, path: String)], anchors: [String: String]) -> String {
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
        return SearchIndexBuilder().script(for: searched, parallel: parallel, continuity: searchContinuity) { "#" + (anchors[$0.outputPath] ?? "") }
    }

    /// Every page's HTML rendered again for the file: links become anchors (`#p7`), images `data:`
    /// URLs, and ids carry the page's anchor; or, when the cache has a copy by the page's key, that
    /// copy (`stored` is its place in `last`). Nil for a section without an index page.
    private func renderCopies(
        _ pages: [(anchor: String, page: RenderedPage?, path: String)], tree: SiteTree, anchors: [String: String], images: [OutputFile],
        last: KeyedBlobs?
    ) -> [(html: String, key: UInt64?, stored: Int?)?] {
        var exportRenderer = renderer
        exportRenderer.linkStyle = .singleFile(
            anchors: anchors, images: Dictionary(images.map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a }),
            headings: Dictionary(
                tree.pagesInOrder.map { ($0.outputPath, Set($0.headings.map(\.id) + $0.blockIDs)) }, uniquingKeysWith: { a, _ in a }))
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
        return copies
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
