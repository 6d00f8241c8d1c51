/// Settings from `playbook.yml` at the site root; every key is optional.
public struct SiteConfig: Hashable, Sendable {
    public var title = "My Playbook"
    public var author: String?
    public var description: String?
    public var language = "en"
    public var baseURL: String?
    public var theme = "default"
    public var unsafeHTML = false
    public var smartPunctuation = true

    public init() {}

    /// The keys `playbook.yml` understands.
    public static let knownKeys = [
        "title", "author", "description", "language", "base_url", "theme", "unsafe_html", "smart_punctuation",
    ]
}

/// Reads `playbook.yml` text into a `SiteConfig`.
public struct SiteConfigParser: Sendable {
    public init() {}

    /// Parses config YAML; diagnostics carry `path` and file lines.
    public func parse(_ yaml: String, path: String = "playbook.yml") -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        let root: YAMLNode?
        switch YAMLReader().read(yaml) {
        case .success(let node): root = node
        case .failure(let diagnostic): return (config, [diagnostic.located(in: path, lineOffset: 0)])
        }
        guard let root, !root.isNull else { return (config, []) }
        guard let pairs = root.mapping else {
            return (config, [.error(path, line: root.line, "playbook.yml must be a mapping of keys to values")])
        }
        var diagnostics: [Diagnostic] = []
        func text(_ node: YAMLNode, _ key: String) -> String? {
            if let value = node.scalarText { return value }
            diagnostics.append(.error(path, line: node.line, "'\(key)' must be text, not \(node.typeDescription)"))
            return nil
        }
        func flag(_ node: YAMLNode, _ key: String) -> Bool? {
            if let value = node.bool { return value }
            diagnostics.append(.error(path, line: node.line, "'\(key)' must be true or false"))
            return nil
        }
        for pair in pairs {
            let node = pair.value
            switch pair.key {
            case "title": config.title = text(node, pair.key) ?? config.title
            case "author": config.author = text(node, pair.key)
            case "description": config.description = text(node, pair.key)
            case "language": config.language = text(node, pair.key) ?? config.language
            case "base_url":
                config.baseURL = text(node, pair.key)
                if let url = config.baseURL, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                    diagnostics.append(.error(path, line: node.line, "'base_url' must start with http:// or https://"))
                }
            case "theme": config.theme = text(node, pair.key) ?? config.theme
            case "unsafe_html": config.unsafeHTML = flag(node, pair.key) ?? config.unsafeHTML
            case "smart_punctuation": config.smartPunctuation = flag(node, pair.key) ?? config.smartPunctuation
            default:
                let hint = SiteConfig.knownKeys.first { EditDistance.between($0, pair.key) <= 2 }
                diagnostics.append(
                    .warning(path, line: node.line, "unknown key '\(pair.key)'" + (hint.map { "; did you mean '\($0)'?" } ?? "")))
            }
        }
        if !PathRules.isSafeSegment(config.theme) {
            diagnostics.append(.error(path, line: root["theme"]?.line, "'theme' must be a folder name under themes/"))
        }
        return (config, diagnostics)
    }
}
