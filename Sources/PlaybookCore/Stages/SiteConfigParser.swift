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
        var reader = ConfigValueReader(path: path)
        for pair in pairs { reader.apply(pair, to: &config) }
        if !PathRules.isSafeSegment(config.theme) {
            reader.fail(root["theme"]?.line, "'theme' must be a folder name under themes/")
        }
        return (config, reader.diagnostics)
    }
}

/// Reads the value of each `playbook.yml` key into the config, collecting a diagnostic per bad value.
private struct ConfigValueReader {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func fail(_ line: Int?, _ message: String) {
        diagnostics.append(.error(path, line: line, message))
    }

    mutating func apply(_ pair: YAMLNode.Pair, to config: inout SiteConfig) {
        let node = pair.value
        switch pair.key {
        case "title": config.title = text(node, pair.key) ?? config.title
        case "author": config.author = text(node, pair.key)
        case "description": config.description = text(node, pair.key)
        case "language": config.language = text(node, pair.key) ?? config.language
        case "base_url":
            config.baseURL = text(node, pair.key)
            if let url = config.baseURL, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                fail(node.line, "'base_url' must start with http:// or https://")
            }
        case "theme": config.theme = text(node, pair.key) ?? config.theme
        case "unsafe_html": config.unsafeHTML = flag(node, pair.key) ?? config.unsafeHTML
        case "smart_punctuation": config.smartPunctuation = flag(node, pair.key) ?? config.smartPunctuation
        case "highlight": config.highlight = flag(node, pair.key) ?? config.highlight
        case "export":
            if let choice = autoOrFlag(node, pair.key) { config.export = choice.map { $0 ? .always : .never } ?? .auto }
        case "search_shards":
            if let choice = autoOrFlag(node, pair.key) { config.searchShards = choice }
        case "dashboard":
            if let choice = autoOrFlag(node, pair.key) { config.dashboard = choice }
        case "escalate_at":
            if let value = node.int, (1...25).contains(value) {
                config.escalateAt = value
            } else {
                fail(node.line, "'escalate_at' must be a whole number from 1 to 25")
            }
        case "links":
            switch node.scalarText?.lowercased() {
            case "warning": config.brokenLinks = .warning
            case "error": config.brokenLinks = .error
            default: fail(node.line, "'links' must be warning or error")
            }
        case "skills":
            let names = (node.sequence ?? []).compactMap { $0.scalarText?.trimmedSpaces }.filter { !$0.isEmpty }
            if node.sequence == nil || names.count != node.sequence?.count || names.isEmpty {
                fail(node.line, "'skills' must be a list of names (the skills evidence items name)")
            } else {
                config.skills = names
            }
        case "evidence_file":
            let path = node.scalarText ?? ""
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            let inside = (path.hasPrefix("data/") || path.hasPrefix("content/")) && !parts.contains("..") && !parts.contains("")
            if !inside || !(path.hasSuffix(".yml") || path.hasSuffix(".yaml")) {
                fail(node.line, "'evidence_file' must be a .yml file under data/ or content/, such as data/evidence.yml")
            } else {
                config.evidenceFile = path
            }
        case "evidence_stale_after":
            if let value = node.int, (1...3650).contains(value) {
                config.evidenceStaleAfter = value
            } else {
                fail(node.line, "'evidence_stale_after' must be a whole number of days from 1 to 3650")
            }
        case "priority_weights": readWeights(node, into: &config.priorityWeights)
        case "risk_bands": readBands(node, into: &config.riskBands)
        default:
            let hint = SiteConfig.knownKeys.first { EditDistance.between($0, pair.key) <= 2 }
            diagnostics.append(.warning(path, line: node.line, "unknown key '\(pair.key)'" + (hint.map { "; did you mean '\($0)'?" } ?? "")))
        }
    }

    private mutating func readWeights(_ node: YAMLNode, into weights: inout PriorityWeights) {
        for (key, value) in numbers(node, "priority_weights", keys: ["impact", "urgency", "effort", "risk"]) {
            switch key {
            case "impact": weights.impact = value
            case "urgency": weights.urgency = value
            case "effort": weights.effort = value
            default: weights.risk = value
            }
        }
    }

    private mutating func readBands(_ node: YAMLNode, into bands: inout RiskBands) {
        for (key, value) in numbers(node, "risk_bands", keys: ["medium", "high", "critical"]) {
            switch key {
            case "medium": bands.medium = value
            case "high": bands.high = value
            default: bands.critical = value
            }
        }
        if !(1 < bands.medium && bands.medium < bands.high && bands.high < bands.critical && bands.critical <= 25) {
            fail(node.line, "'risk_bands' must rise: 1 < medium < high < critical ≤ 25")
        }
    }

    private mutating func text(_ node: YAMLNode, _ key: String) -> String? {
        if let value = node.scalarText { return value }
        fail(node.line, "'\(key)' must be text, not \(node.typeDescription)")
        return nil
    }

    private mutating func flag(_ node: YAMLNode, _ key: String) -> Bool? {
        if let value = node.bool { return value }
        fail(node.line, "'\(key)' must be true or false")
        return nil
    }

    /// `auto` is `.some(nil)`, true or false `.some(flag)`; anything else is reported and nil.
    private mutating func autoOrFlag(_ node: YAMLNode, _ key: String) -> Bool?? {
        if node.scalarText?.lowercased() == "auto" { return .some(nil) }
        if let flag = node.bool { return .some(flag) }
        fail(node.line, "'\(key)' must be auto, true or false")
        return nil
    }

    private mutating func numbers(_ node: YAMLNode, _ key: String, keys: [String]) -> [(String, Int)] {
        guard let pairs = node.mapping else {
            fail(node.line, "'\(key)' must be a mapping of \(keys.joined(separator: ", "))")
            return []
        }
        var result: [(String, Int)] = []
        for pair in pairs {
            guard keys.contains(pair.key) else {
                fail(pair.value.line, "unknown key '\(pair.key)' in '\(key)'; expected \(keys.joined(separator: ", "))")
                continue
            }
            guard let value = pair.value.int, value >= 0, value <= 100 else {
                fail(pair.value.line, "'\(key).\(pair.key)' must be a whole number from 0 to 100")
                continue
            }
            result.append((pair.key, value))
        }
        return result
    }
}
