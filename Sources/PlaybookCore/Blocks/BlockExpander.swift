import Foundation
import PlaybookMarkdown

/// Turns fenced code blocks named after a block kind into generated HTML.
///
/// A block holds YAML: a list of items, or a mapping with `items:` (or `source:`) and `title:`.
struct BlockExpander {

    /// Files under the site's `data/` folder, keyed by `data/NAME.ext`.
    var dataFiles: [String: Data]

    /// The generated HTML for `block`, or nil when its info string names no block kind.
    /// Diagnostics carry file paths and lines: `path` is the page, `fenceLine` the fence's line in it.
    func expand(_ block: CodeBlock, path: String, fenceLine: Int, context: BlockContext) -> (BlockResult, [Diagnostic])? {
        guard let blockKind = BlockKind(rawValue: block.language) else { return nil }
        var context = context
        context.fenceLine = fenceLine
        let kind = block.language
        func located(_ problems: [Diagnostic], in file: String = path, offset: Int = fenceLine) -> [Diagnostic] {
            problems.map { $0.location.path.isEmpty ? $0.located(in: file, lineOffset: offset) : $0 }
        }
        let root: YAMLNode
        switch YAMLReader().read(block.literal) {
        case .failure(let problem): return (BlockResult(), located([problem.prefixed("\(kind): ")]))
        case .success(nil): return (BlockResult(), [.error(path, line: fenceLine, "\(kind): the block is empty; it needs a list of items")])
        case .success(let node?): root = node
        }
        var title: String?
        var items: [YAMLNode] = []
        var itemFile = path
        var itemOffset = fenceLine
        var sourceWarnings: [Diagnostic] = []
        if let list = root.sequence {
            items = list
        } else if let pairs = root.mapping, blockKind == .script, root["text"] != nil {
            _ = pairs
            items = [root]
        } else if let pairs = root.mapping {
            var problems: [Diagnostic] = []
            let options = blockKind == .script ? ["items", "title", "source", "values"] : ["items", "title", "source"]
            for pair in pairs where !options.contains(pair.key) {
                problems.append(
                    .error("", line: pair.value.line, "\(kind): unknown option '\(pair.key)'; a block mapping takes items, title and source"))
            }
            if let node = root["title"] { title = node.scalarText }
            if root["items"] != nil, let source = root["source"] {
                problems.append(.error("", line: source.line, "\(kind): a block takes 'items:' or 'source:', not both"))
            } else if let list = root["items"]?.sequence {
                items = list
            } else if let source = root["source"] {
                let loaded = loadSource(source, kind: kind)
                if let (file, list) = loaded.items {
                    items = list
                    itemFile = file
                    itemOffset = 0
                }
                if loaded.problems.hasErrors { problems += loaded.problems } else { sourceWarnings = loaded.problems }
            } else if blockKind == .script {
                // A script mapping without `text:` (only `title:`, say) lacks its words, not a list.
                problems.append(.error("", line: root.line, "script: a script needs 'text:' (the words, with [Placeholders])"))
            } else {
                problems.append(.error("", line: root.line, "\(kind): a block mapping needs 'items:' (a list) or 'source: data/FILE'"))
            }
            if !problems.isEmpty { return (BlockResult(), located(problems)) }
        } else {
            return (
                BlockResult(), [.error(path, line: fenceLine + root.line, "\(kind): the block must be a list of items, not \(root.typeDescription)")]
            )
        }
        // The search text first: the items (a data file's every row) are not needed after rendering.
        let searchText = ([title].compactMap { $0 } + items.flatMap(Self.values)).map(context.markdown.plainText).joined(separator: " ")
        var result = blockKind.renderer.render(items, title: title, context: context)
        let diagnostics = sourceWarnings + located(result.problems, in: itemFile, offset: itemOffset)
        result.items.locate(in: itemFile, lineOffset: itemOffset)
        if blockKind == .script { result.items.scripts = 1 }
        if blockKind == .phrases { result.items.phrases = 1 }
        result.searchText = searchText
        return (result, diagnostics)
    }

    /// Every text value in an item (not the keys), in order.
    static func values(_ node: YAMLNode) -> [String] {
        switch node.kind {
        case .scalar(let text, let type): return type == .null || type == .bool ? [] : [text]
        case .sequence(let items): return items.flatMap(values)
        case .mapping(let pairs): return pairs.filter { $0.key != "id" }.flatMap { values($0.value) }
        }
    }

    /// Reads `source: data/NAME.yml|.yaml|.json|.csv` into items; lines are the data file's own.
    /// Problems without a path are at the `source:` line of the block; the others name the data file.
    func loadSource(_ node: YAMLNode, kind: String) -> (items: (String, [YAMLNode])?, problems: [Diagnostic]) {
        guard let source = node.scalarText else {
            return (nil, [.error("", line: node.line, "\(kind): 'source' must be a path such as data/kpis.yml")])
        }
        let parts = source.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "data", !parts.contains(".."), !parts.contains(""), !source.contains("\\") else {
            return (nil, [.error("", line: node.line, "\(kind): source '\(source)' must be a file under data/, such as data/kpis.yml")])
        }
        guard let data = dataFiles[source] else {
            return (nil, [.error("", line: node.line, "\(kind): source file '\(source)' not found")])
        }
        let lowered = source.lowercased()
        guard [".yml", ".yaml", ".json", ".csv"].contains(where: { lowered.hasSuffix($0) }) else {
            return (nil, [.error("", line: node.line, "\(kind): source '\(source)' must end in .yml, .yaml, .json or .csv")])
        }
        // The same decoding and warnings (invalid UTF-8, NUL bytes) as a content file.
        var problems: [Diagnostic] = []
        let text = PageParser.decode(data, path: source, diagnostics: &problems)
        if text.allSatisfy(\.isWhitespace) {
            return (nil, problems + [.error(source, line: 1, "\(kind): the data file is empty; it needs one item per row (CSV) or a list of items")])
        }
        if lowered.hasSuffix(".csv") {
            let (items, errors) = CSVItems.read(text, path: source)
            return (items.map { (source, $0) }, problems + errors)
        }
        switch YAMLReader().read(text) {
        case .failure(let problem): return (nil, problems + [problem.located(in: source, lineOffset: 0)])
        case .success(let root):
            if let list = root?.sequence ?? root?["items"]?.sequence { return ((source, list), problems) }
            return (
                nil, problems + [.error(source, line: root?.line ?? 1, "\(kind): a data file must hold a list of items (or a mapping with 'items:')")]
            )
        }
    }
}

extension Diagnostic {
    func prefixed(_ prefix: String) -> Diagnostic {
        var copy = self
        copy.message = prefix + message
        return copy
    }
}
