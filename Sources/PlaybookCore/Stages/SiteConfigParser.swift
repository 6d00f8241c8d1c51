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
        func numbers(_ node: YAMLNode, _ key: String, keys: [String]) -> [(String, Int)] {
            guard let pairs = node.mapping else {
                diagnostics.append(.error(path, line: node.line, "'\(key)' must be a mapping of \(keys.joined(separator: ", "))"))
                return []
            }
            var result: [(String, Int)] = []
            for pair in pairs {
                guard keys.contains(pair.key) else {
                    diagnostics.append(
                        .error(path, line: pair.value.line, "unknown key '\(pair.key)' in '\(key)'; expected \(keys.joined(separator: ", "))"))
                    continue
                }
                guard let value = pair.value.int, value >= 0, value <= 100 else {
                    diagnostics.append(.error(path, line: pair.value.line, "'\(key).\(pair.key)' must be a whole number from 0 to 100"))
                    continue
                }
                result.append((pair.key, value))
            }
            return result
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
            case "export":
                if node.scalarText?.lowercased() == "auto" {
                    config.export = .auto
                } else if let flag = node.bool {
                    config.export = flag ? .always : .never
                } else {
                    diagnostics.append(.error(path, line: node.line, "'export' must be auto, true or false"))
                }
            case "dashboard":
                if node.scalarText?.lowercased() == "auto" {
                    config.dashboard = nil
                } else if let flag = node.bool {
                    config.dashboard = flag
                } else {
                    diagnostics.append(.error(path, line: node.line, "'dashboard' must be auto, true or false"))
                }
            case "escalate_at":
                if let value = node.int, (1...25).contains(value) {
                    config.escalateAt = value
                } else {
                    diagnostics.append(.error(path, line: node.line, "'escalate_at' must be a whole number from 1 to 25"))
                }
            case "priority_weights":
                for (key, value) in numbers(node, pair.key, keys: ["impact", "urgency", "effort", "risk"]) {
                    switch key {
                    case "impact": config.priorityWeights.impact = value
                    case "urgency": config.priorityWeights.urgency = value
                    case "effort": config.priorityWeights.effort = value
                    default: config.priorityWeights.risk = value
                    }
                }
            case "risk_bands":
                for (key, value) in numbers(node, pair.key, keys: ["medium", "high", "critical"]) {
                    switch key {
                    case "medium": config.riskBands.medium = value
                    case "high": config.riskBands.high = value
                    default: config.riskBands.critical = value
                    }
                }
                let bands = config.riskBands
                if !(1 < bands.medium && bands.medium < bands.high && bands.high < bands.critical && bands.critical <= 25) {
                    diagnostics.append(.error(path, line: node.line, "'risk_bands' must rise: 1 < medium < high < critical ≤ 25"))
                }
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
