import Foundation
import PlaybookMarkdown

/// The fenced blocks of one language in a page's Markdown, found on cmark's tree, each with the file
/// line of its opening fence: line `n` of the block's text is line `fenceLine + n` of the file.
struct PageCodeBlocks {
    struct Found {
        var block: CodeBlock
        var fenceLine: Int
        /// Lines of the block's text.
        var lineCount: Int { block.literal.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
    }

    var blocks: [Found] = []

    init(page data: Data, path: String, language: String) {
        guard let page = PageParser().parse(SourceFile(path: path, data: data)).0 else { return }
        var found: [CodeBlock] = []
        _ = MarkdownRenderer().render(
            page.body,
            hooks: MarkdownHooks(replaceCodeBlock: { block in
                if block.language == language { found.append(block) }
                return nil
            }))
        blocks = found.map { Found(block: $0, fenceLine: page.bodyLineOffset + $0.line) }
    }

    /// The block whose text holds file line `line`.
    func block(containing line: Int) -> Found? {
        blocks.first { line > $0.fenceLine && line <= $0.fenceLine + $0.lineCount }
    }
}
