/// Reads front-matter YAML into a `FrontMatter`, reporting every wrong key and type.
public struct FrontMatterParser: Sendable {
    public init() {}

    /// Parses `yaml`; diagnostics have lines relative to `yaml` and an empty path.
    public func parse(_ yaml: String) -> (FrontMatter, [Diagnostic]) {
        var matter = FrontMatter()
        let root: YAMLNode?
        switch YAMLReader().read(yaml) {
        case .success(let node): root = node
        case .failure(let diagnostic): return (matter, [diagnostic])
        }
        guard let root, !root.isNull else { return (matter, []) }
        guard let pairs = root.mapping else {
            return (matter, [.error("", line: root.line, "front matter must be a mapping of keys to values, not \(root.typeDescription)")])
        }
        var diagnostics: [Diagnostic] = []
        for pair in pairs { apply(pair, to: &matter, diagnostics: &diagnostics) }
        return (matter, diagnostics)
    }

    /// Reads one key into `matter` (an unknown key becomes a param, with a warning when it looks like
    /// a misspelt known key).
    private func apply(_ pair: YAMLNode.Pair, to matter: inout FrontMatter, diagnostics: inout [Diagnostic]) {
        let value = pair.value
        func fail(_ node: YAMLNode, _ message: String) { diagnostics.append(.error("", line: node.line, message)) }
        func described(_ node: YAMLNode) -> String { node.scalarText.map { "'\($0)'" } ?? node.typeDescription }
        switch pair.key {
        case "title", "summary":
            guard let text = value.scalarText else {
                if !value.isNull { fail(value, "'\(pair.key)' must be text, not \(value.typeDescription)") }
                return
            }
            if pair.key == "title" { matter.title = text } else { matter.summary = text }
        case "weight":
            guard let weight = value.int else { return fail(value, "'weight' must be a whole number, not \(described(value))") }
            matter.weight = weight
        case "date":
            guard let text = value.scalarText, let day = Day(text) else {
                return fail(value, "'date' must be a real date written YYYY-MM-DD, not \(described(value))")
            }
            matter.date = day
        case "draft":
            guard let draft = value.bool else { return fail(value, "'draft' must be true or false, not \(described(value))") }
            matter.draft = draft
        case "tags": matter.tags = words(value, key: "tags", fail: fail)
        case "aliases": matter.aliases = words(value, key: "aliases", fail: fail)
        case "slug", "layout":
            guard let text = value.scalarText, !text.isEmpty else { return fail(value, "'\(pair.key)' must be text, not \(value.typeDescription)") }
            if pair.key == "slug" {
                (matter.slug, matter.slugLine) = (text, value.line)
            } else {
                (matter.layout, matter.layoutLine) = (text, value.line)
            }
        default:
            if let known = Self.suggestion(for: pair.key) {
                diagnostics.append(.warning("", line: value.line, "unknown front-matter key '\(pair.key)'; did you mean '\(known)'?"))
            }
            matter.params.append(pair)
        }
    }

    /// `tags:` or `aliases:` as one word or a list of words (each once).
    private func words(_ value: YAMLNode, key: String, fail: (YAMLNode, String) -> Void) -> [String] {
        if let text = value.scalarText { return [text] }
        guard let items = value.sequence else {
            if !value.isNull { fail(value, "'\(key)' must be a list of words, not \(value.typeDescription)") }
            return []
        }
        var words: [String] = []
        for item in items {
            guard let word = item.scalarText, !word.isEmpty else {
                fail(item, "each of '\(key)' must be text, not \(item.typeDescription)")
                continue
            }
            if !words.contains(word) { words.append(word) }
        }
        return words
    }

    /// The known key a misspelt key was probably meant to be (edit distance 1 or 2).
    static func suggestion(for key: String) -> String? {
        // Every page's own keys come through here: rule most of them out by length before lowercasing.
        let length = key.unicodeScalars.count
        guard length >= shortestKnownKey - 2, length <= longestKnownKey + 2 else { return nil }
        let lowered = key.lowercased()
        if FrontMatter.knownKeys.contains(lowered) { return lowered }
        let limit = length > 4 ? 2 : 1
        // The distance is at least the difference in length, and at least the number of letters
        // either key has that the other lacks (each needs an edit): most unknown keys are ruled out.
        let letters = Self.letters(of: lowered)
        return Self.known.first { known in
            abs(known.length - length) <= limit && (letters & ~known.letters).nonzeroBitCount <= limit
                && (known.letters & ~letters).nonzeroBitCount <= limit && EditDistance.between(known.key, lowered) <= limit
        }?.key
    }

    /// The ASCII letters `a`–`z` in `key`, one bit each.
    static func letters(of key: String) -> UInt32 {
        key.utf8.reduce(0) { mask, byte in (97...122).contains(byte) ? mask | 1 << UInt32(byte - 97) : mask }
    }

    /// The known keys with their lengths and letters, measured once: every page's own keys are
    /// compared with them.
    private static let known = FrontMatter.knownKeys.map { (key: $0, length: $0.unicodeScalars.count, letters: letters(of: $0)) }

    private static let shortestKnownKey = known.map(\.length).min() ?? 0
    private static let longestKnownKey = known.map(\.length).max() ?? 0
}
