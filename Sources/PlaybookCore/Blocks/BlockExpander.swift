import Foundation
import PlaybookMarkdown

/// Turns fenced code blocks named after a block kind into generated HTML.
///
/// A block holds YAML: a list of items, or a mapping with `items:` (or `source:`) and `title:`.
struct BlockExpander {

    /// Files under the site's `data/` folder, keyed by `data/NAME.ext`.
    var dataFiles: [String: Data]
    /// The kinds a fence's info string may name.
    var kinds = BlockKinds.standard

    /// The generated HTML for `block`, or nil when its info string names no block kind.
    /// Diagnostics carry file paths and lines: `path` is the page, `fenceLine` the fence's line in it.
    func expand(_ block: CodeBlock, path: String, fenceLine: Int, context: BlockContext) -> (BlockResult, [Diagnostic])? {
        guard let renderer = kinds.renderer(named: block.language) else { return nil }
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
        let found: BlockItems
        switch items(of: root, renderer: renderer, kind: kind) {
        case .success(let items): found = items
        case .failure(let problems): return (BlockResult(), located(problems.list))
        }
        let (itemFile, itemOffset) = (found.file ?? path, found.file == nil ? fenceLine : 0)
        // The search text first: the items (a data file's every row) are not needed after rendering.
        let searchText = ([found.title].compactMap { $0 } + found.items.flatMap(Self.values)).map(context.markdown.plainText).joined(
            separator: " ")
        var result = renderer.render(found.items, title: found.title, context: context)
        let diagnostics = found.warnings + located(result.problems, in: itemFile, offset: itemOffset)
        result.items.locate(in: itemFile, lineOffset: itemOffset)
        result.searchText = searchText
        return (result, diagnostics)
    }

    /// What a block's YAML holds: its items (from the block, or from `source:`'s data file), its title,
    /// and the warnings of a data file read.
    struct BlockItems {
        var title: String?
        var items: [YAMLNode] = []
        /// The data file the items come from (nil: the page).
        var file: String?
        var warnings: [Diagnostic] = []
    }

    /// Problems of a block's YAML, at lines relative to the block.
    struct ItemProblems: Error {
        var list: [Diagnostic]
    }

    /// The block's items: a list, a mapping with `items:` or `source:` (and `title:`), or a mapping that
    /// the kind takes as its one item (a script's `text:`).
    func items(of root: YAMLNode, renderer: any BlockRenderer, kind: String) -> Result<BlockItems, ItemProblems> {
        if let list = root.sequence { return .success(BlockItems(items: list)) }
        guard let pairs = root.mapping else {
            return .failure(
                ItemProblems(list: [.error("", line: root.line, "\(kind): the block must be a list of items, not \(root.typeDescription)")]))
        }
        if renderer.takesAsItem(root) { return .success(BlockItems(items: [root])) }
        var block = BlockItems(title: root["title"]?.scalarText)
        var problems: [Diagnostic] = []
        let options = ["items", "title", "source"] + renderer.extraOptions
        for pair in pairs where !options.contains(pair.key) {
            problems.append(.error("", line: pair.value.line, "\(kind): unknown option '\(pair.key)'; a block mapping takes items, title and source"))
        }
        if root["items"] != nil, let source = root["source"] {
            problems.append(.error("", line: source.line, "\(kind): a block takes 'items:' or 'source:', not both"))
        } else if let list = root["items"]?.sequence {
            block.items = list
        } else if let source = root["source"] {
            let loaded = loadSource(source, kind: kind)
            if let (file, list) = loaded.items { (block.items, block.file) = (list, file) }
            if loaded.problems.hasErrors { problems += loaded.problems } else { block.warnings = loaded.problems }
        } else {
            problems.append(.error("", line: root.line, renderer.missingItems(kind: kind)))
        }
        return problems.isEmpty ? .success(block) : .failure(ItemProblems(list: problems))
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
