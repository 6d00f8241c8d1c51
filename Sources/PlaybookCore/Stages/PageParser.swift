import Foundation

/// Turns a content file's bytes into a `PageSource`: decoding, line ends, front matter.
public struct PageParser: Sendable {
    public init() {}

    /// Parses one file; returns nil as the page when it has errors, plus every diagnostic.
    public func parse(_ file: SourceFile) -> (PageSource?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let text = Self.decode(file.data, path: file.path, diagnostics: &diagnostics)
        let split: SplitSource
        switch FrontMatterSplitter().split(text) {
        case .success(let value): split = value
        case .failure(let diagnostic): return (nil, diagnostics + [diagnostic.located(in: file.path, lineOffset: 0)])
        }
        var matter = FrontMatter()
        if let yaml = split.frontMatter {
            let (parsed, problems) = FrontMatterParser().parse(yaml)
            matter = parsed
            diagnostics += problems.map { $0.located(in: file.path, lineOffset: split.frontMatterLineOffset) }
            matter.slugLine = matter.slugLine.map { $0 + split.frontMatterLineOffset }
            matter.layoutLine = matter.layoutLine.map { $0 + split.frontMatterLineOffset }
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }

        return (page(at: file.path, matter: matter, split: split), diagnostics)
    }

    /// A stand-in for a page whose file has errors: it only reserves the page's output path.
    func placeholder(for path: String) -> PageSource {
        page(at: path, matter: FrontMatter(), split: SplitSource(frontMatter: nil, frontMatterLineOffset: 0, body: "", bodyLineOffset: 0))
    }

    private func page(at path: String, matter: FrontMatter, split: SplitSource) -> PageSource {
        var components = URLPaths.segments(of: path).map(String.init)
        components.removeFirst()  // "content"
        let fileName = components.removeLast()
        let baseName = String(fileName.dropLast(3))
        // `README.md` is a folder's index too (GitHub's and mdBook's convention), like `_index.md` and
        // `index.md` (in any case: a vault's `Index.md` is its folder's page, which it would collide with).
        let isIndex = baseName == "_index" || ["index", "readme"].contains(baseName.lowercased())
        let kind: PageKind = isIndex ? (components.isEmpty ? .home : .section) : .page
        return PageSource(
            path: path, folders: components, baseName: baseName, kind: kind, frontMatter: matter,
            body: split.body, bodyLineOffset: split.bodyLineOffset)
    }

    /// UTF-8 text with BOM removed and CRLF / CR turned into LF; invalid bytes become U+FFFD with a warning.
    static func decode(_ data: Data, path: String, diagnostics: inout [Diagnostic]) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // One pass of memchr over the bytes for each rare byte, instead of walking the decoded text.
        let (hasNUL, hasCR) = bytes.withUnsafeBytes { raw -> (Bool, Bool) in
            guard let base = raw.baseAddress else { return (false, false) }
            return (memchr(base, 0, raw.count) != nil, memchr(base, 13, raw.count) != nil)
        }
        var text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            text = String(decoding: bytes, as: UTF8.self)
            diagnostics.append(.warning(path, line: 1, "file is not valid UTF-8; invalid bytes were replaced with U+FFFD (save it as UTF-8)"))
        }
        if hasNUL {
            text = text.replacingOccurrences(of: "\0", with: "\u{FFFD}")
            diagnostics.append(.warning(path, line: 1, "file contains NUL bytes; they were replaced with U+FFFD"))
        }
        if hasCR {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }
}
