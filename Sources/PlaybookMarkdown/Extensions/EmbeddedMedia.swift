import CCmark

/// What an embedded file (`![[…]]`) is shown as, besides a plain image or a link.
enum MediaEmbed: Equatable {
    /// An image; with a size (`![[a.png|300]]`, `|300x200`) when one was given.
    case image(width: Int?, height: Int?)
    case audio
    case video
}

/// Makes the images and embeds recorded in `CmarkDocument.media` into their elements: an SVG image
/// inlined as `data:` (which cmark would drop) into an `<img>`, a sized image into an `<img>` with its
/// width and height, an audio or video file into a player (with a link to the file inside, for a
/// browser that plays neither). Runs once links are rewritten, so each element has its final URL, and
/// before `FlattenedParagraphs` renders table cells.
struct EmbeddedMedia: MarkdownExtension {
    func apply(to document: CmarkDocument, context: inout MarkdownContext) {
        for (node, kind) in document.media {
            let written = document.string(cmark_node_get_url(node))
            let url = Self.isSafe(written, image: kind != .audio && kind != .video) ? written.htmlAttributeEscaped : ""
            let html: String
            switch kind {
            case .image(let width, let height):
                let size = (width.map { " width=\"\($0)\"" } ?? "") + (height.map { " height=\"\($0)\"" } ?? "")
                html = "<img src=\"\(url)\" alt=\"\(document.plainText(of: node).htmlAttributeEscaped)\"\(size) />"
            case .audio, .video:
                let tag = kind == .audio ? "audio" : "video"
                html = "<\(tag) controls src=\"\(url)\">\(document.renderHTML(node))</\(tag)>"
            }
            guard let element = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(element, html)
            cmark_node_set_on_exit(element, "")
            document.replace(node, with: element)
        }
    }

    /// cmark's rule for the URLs it renders (no `javascript:`, `vbscript:`, `file:`, and `data:` only
    /// for images), with audio and video allowed as `data:` too (a one-file export inlines them), and an
    /// SVG image (no script in an SVG runs when it is shown by `<img>`).
    static func isSafe(_ url: String, image: Bool) -> Bool {
        let lowered = url.prefix(24).lowercased()
        if image && lowered.hasPrefix("data:image/svg+xml") { return true }
        if lowered.hasPrefix("javascript:") || lowered.hasPrefix("vbscript:") || lowered.hasPrefix("file:") { return false }
        guard lowered.hasPrefix("data:") else { return true }
        return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp", "data:audio/", "data:video/"].contains {
            lowered.hasPrefix($0)
        }
    }
}
