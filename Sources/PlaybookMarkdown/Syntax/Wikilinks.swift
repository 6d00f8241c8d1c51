import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A wikilink as Obsidian writes it: `[[Note]]`, `[[folder/Note#Heading|shown text]]`, `[[#Heading]]`,
/// `![[image.png]]` (an embed).
public struct Wikilink: Equatable, Sendable {
    /// The note or file as written (`folder/Note`, `Note.md`, `image.png`); empty for `[[#Heading]]`.
    public var target: String
    /// What follows `#`: a heading's text, or `^id` for a block.
    public var fragment: String?
    /// The text after `|`, if any.
    public var label: String?
    public var isEmbed: Bool
    /// The line of the page it is on.
    public var line: Int

    public init(target: String, fragment: String? = nil, label: String? = nil, isEmbed: Bool = false, line: Int = 1) {
        (self.target, self.fragment, self.label, self.isEmbed, self.line) = (target, fragment, label, isEmbed, line)
    }

    /// Parses what is between `[[` and `]]`; nil when it names nothing. `\|` (inside a table) is `|`.
    init?(inner: String, isEmbed: Bool, line: Int) {
        // The first `|` (or `\|`) ends the target.
        var path = Substring(inner)
        var label: String?
        if let bar = inner.firstIndex(of: "|") {
            path = inner[..<bar]
            if path.hasSuffix("\\") { path = path.dropLast() }
            label = Self.trimmed(inner[inner.index(after: bar)...])
        }
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = Self.trimmed(path[path.index(after: hash)...])
            path = path[..<hash]
        }
        let target = Self.trimmed(path)
        guard !target.isEmpty || !(fragment ?? "").isEmpty else { return nil }
        self.init(target: target, fragment: fragment, label: label, isEmbed: isEmbed, line: line)
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// The id the fragment names: a block's `^id` as it is, else the heading's id; of `Heading#Sub`
    /// (a heading under a heading, as Obsidian writes it) the last one's. Nil without a fragment.
    public var anchor: String? {
        guard let fragment, !fragment.isEmpty else { return nil }
        if fragment.hasPrefix("^") { return fragment }
        let last = fragment.split(separator: "#").last.map(String.init) ?? fragment
        return HeadingIDs.githubSlug(last)
    }

    /// The text shown for the link: the label, else what it names (`Note > Heading`).
    public var shownText: String {
        if let label, !label.isEmpty { return label }
        switch (target.isEmpty, fragment) {
        case (true, let fragment?): return fragment
        case (false, let fragment?) where !fragment.isEmpty: return "\(target) > " + fragment.split(separator: "#").joined(separator: " > ")
        default: return target
        }
    }
}

/// Obsidian's wikilinks and embeds, on cmark's tree: every `[[…]]` in a text node (never in code spans,
/// code blocks or raw HTML, which are other nodes) becomes a link. `![[…]]` of an image becomes an
/// image (`|300`, `|300x200`: its size), of an audio or video file the player, of a note the note's
/// text in a box (`NoteEmbeds`), of any other file a link to it. Where a link points is the caller's
/// to say (`MarkdownHooks.resolveWikilink`: found by path, name or alias); the link then goes through
/// the page's ordinary link handling, so a wikilink to nothing is a broken link at its line.
struct Wikilinks: MarkdownSyntax {
    func mayOccur(in source: String) -> Bool { ByteSearch.contains(source, "[[") }

    func rewrite(_ document: CmarkDocument, settings: SyntaxSettings) {
        // cmark leaves each `[` and `]` that opens no link a text node of its own.
        cmark_consolidate_text_nodes(document.root)
        let texts = CmarkDocument.nodes(below: document.root) { node in
            cmark_node_get_type(node) == CMARK_NODE_TEXT && cmark_node_get_literal(node).map { strstr($0, "[[") != nil } ?? false
        }
        var notes: [(node: OpaquePointer, link: Wikilink)] = []
        for node in texts { notes += expand(node, in: document, settings: settings) }
        if !notes.isEmpty { NoteEmbeds(document: document, settings: settings).show(notes) }
    }

    /// Splits a text node around its wikilinks, putting a link or image node in each one's place.
    /// Returns the links made for embeds that may name a note (to be shown in their place).
    private func expand(_ node: OpaquePointer, in document: CmarkDocument, settings: SyntaxSettings) -> [(
        node: OpaquePointer, link: Wikilink
    )] {
        let literal = document.string(cmark_node_get_literal(node))
        let line = document.line(of: node)
        var pieces: [(text: String, link: Wikilink?)] = []
        var rest = Substring(literal)
        while let open = ByteSearch.firstRange(of: "[[", in: rest), let close = ByteSearch.firstRange(of: "]]", in: rest[open.upperBound...]) {
            let inner = String(rest[open.upperBound..<close.lowerBound])
            var before = rest[..<open.lowerBound]
            let isEmbed = before.hasSuffix("!")
            guard ByteSearch.firstRange(of: "[[", in: inner[...]) == nil, let link = Wikilink(inner: inner, isEmbed: isEmbed, line: line) else {
                pieces.append((String(rest[..<open.upperBound]), nil))
                rest = rest[open.upperBound...]
                continue
            }
            if isEmbed { before = before.dropLast() }
            pieces.append((String(before), link))
            rest = rest[close.upperBound...]
        }
        guard pieces.contains(where: { $0.link != nil }) else { return [] }
        var notes: [(node: OpaquePointer, link: Wikilink)] = []
        var previous = node
        func insert(_ new: OpaquePointer) {
            cmark_node_insert_after(previous, new)
            previous = new
        }
        cmark_node_set_literal(node, "")
        for (text, link) in pieces {
            if !text.isEmpty, let textNode = Self.text(text) { insert(textNode) }
            guard let link else { continue }
            let destination = settings.resolveWikilink?(link) ?? Self.plainDestination(link)
            let media = link.isEmbed ? Self.media(link) : nil
            let isImage = if case .image = media { true } else { false }
            guard let linkNode = cmark_node_new(isImage ? CMARK_NODE_IMAGE : CMARK_NODE_LINK) else { return notes }
            cmark_node_set_url(linkNode, destination)
            let size = link.label.flatMap { Self.isSize($0) ? $0 : nil }
            if let label = Self.text(isImage ? (size == nil ? link.label ?? "" : "") : link.shownText) {
                cmark_node_append_child(linkNode, label)
            }
            insert(linkNode)
            if let media, media != .image(width: nil, height: nil) { document.media.append((linkNode, media)) }
            if link.isEmbed, media == nil, settings.embedNote != nil { notes.append((linkNode, link)) }
        }
        if !rest.isEmpty, let textNode = Self.text(String(rest)) { insert(textNode) }
        cmark_node_unlink(node)
        cmark_node_free(node)
        return notes
    }

    /// What an embed of a file shows in place of a link: an image (with its size), audio or video.
    static func media(_ link: Wikilink) -> MediaEmbed? {
        guard let dot = link.target.lastIndex(of: ".") else { return nil }
        let fileExtension = link.target[link.target.index(after: dot)...].lowercased()
        if imageExtensions.contains(fileExtension) {
            guard let label = link.label, isSize(label) else { return .image(width: nil, height: nil) }
            let numbers = label.split(separator: "x").map { Int($0) }
            return .image(width: numbers[0], height: numbers.count > 1 ? numbers[1] : nil)
        }
        if audioExtensions.contains(fileExtension) { return .audio }
        if videoExtensions.contains(fileExtension) { return .video }
        return nil
    }

    /// A text node holding `literal`; nil for an empty one.
    static func text(_ literal: String) -> OpaquePointer? {
        guard !literal.isEmpty, let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
        cmark_node_set_literal(node, literal)
        return node
    }

    /// Where a wikilink points without a resolver: the note beside the page.
    static func plainDestination(_ link: Wikilink) -> String {
        let path = link.target.isEmpty || link.target.contains(".") ? link.target : link.target + ".md"
        return path + (link.anchor.map { "#" + $0 } ?? "")
    }

    /// `300` or `300x200`: an embed's size, not its text.
    static func isSize(_ label: String) -> Bool {
        let parts = label.split(separator: "x", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp"]
    static let audioExtensions: Set<String> = ["mp3", "wav", "m4a", "ogg", "oga", "flac", "3gp"]
    static let videoExtensions: Set<String> = ["mp4", "webm", "ogv", "mov", "mkv"]
}
