import Foundation
import Yams

/// Parses YAML text into `YAMLNode`s, bounding size and depth: plain YAML straight from libyaml's events
/// (`YAMLEventReader`), anything else (tags, anchors, errors…) through Yams.
///
/// Why two paths: through Yams' composer alone, reading the front matter and blocks of the speed
/// table's 1,000-page corpus takes 2.9 times the instructions, and the whole build 23% more (1.81 M
/// against 2.22 M instructions a page, `bench/instructions.py`).
public struct YAMLReader: Sendable {
    /// Most nodes a document may expand to (aliases count every time they are used).
    public var maxNodes = 100_000
    /// Deepest nesting accepted.
    public var maxDepth = 64

    public init() {}

    /// YAML 1.1's core types only: timestamps stay text (dates are validated by us), and the
    /// merge and value keys mean nothing to a playbook. Fewer patterns to try on every scalar.
    static let resolver = Resolver.default.removing(.timestamp).removing(.merge).removing(.value)

    /// Without a `!` in the text no node has an explicit tag, so Yams resolves nothing (its rules are
    /// regular expressions, tried on every scalar) and plain scalars get their type from
    /// `PlainScalarType`, which gives the same answers.
    static let untagged = Resolver.basic

    /// Reads one YAML document; diagnostics carry lines relative to `text` and an empty path.
    public func read(_ text: String) -> Result<YAMLNode?, Diagnostic> {
        var bytes = text
        let tagged = bytes.withUTF8 { buffer in buffer.baseAddress.map { memchr($0, Int32(UInt8(ascii: "!")), buffer.count) != nil } ?? false }
        // Plain YAML (no `!`, so no tags) straight from libyaml's events; the rest through Yams.
        if !tagged, let root = YAMLEventReader(maxNodes: maxNodes, maxDepth: maxDepth).read(text) { return .success(root) }
        return composed(text, tagged: tagged)
    }

    /// Reads `text` through Yams' composer: every document `read` does not take from libyaml's events.
    func composed(_ text: String, tagged: Bool) -> Result<YAMLNode?, Diagnostic> {
        let root: Node?
        do {
            // The encoding given: Yams' default reads the whole environment on every call.
            root = try Yams.compose(yaml: text, tagged ? Self.resolver : Self.untagged, .default, .utf8)
        } catch let error as YamlError {
            return .failure(Self.diagnostic(for: error))
        } catch {
            return .failure(.error("", line: 1, "invalid YAML: \(error)"))
        }
        guard let root else { return .success(nil) }
        var budget = maxNodes
        return convert(root, depth: 0, budget: &budget, tagged: tagged).map { $0 }
    }

    private func convert(_ node: Node, depth: Int, budget: inout Int, tagged: Bool) -> Result<YAMLNode, Diagnostic> {
        let line = node.mark?.line ?? 1
        budget -= 1
        guard budget >= 0 else {
            return .failure(.error("", line: line, "YAML expands to more than \(maxNodes) values (an alias bomb?)"))
        }
        guard depth <= maxDepth else {
            return .failure(.error("", line: line, "YAML is nested more than \(maxDepth) levels deep"))
        }
        // Without a `!` in the text no node has an explicit tag: every tag is one Yams resolved.
        if tagged, let problem = Self.unsupportedTag(node.tag) {
            return .failure(.error("", line: line, problem))
        }
        switch node {
        case .scalar(let scalar):
            let type = !tagged && scalar.style == .plain ? PlainScalarType.of(scalar.string) : Self.type(of: scalar)
            return .success(YAMLNode(kind: .scalar(scalar.string, type), line: line))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for child in sequence {
                switch convert(child, depth: depth + 1, budget: &budget, tagged: tagged) {
                case .success(let item): items.append(item)
                case .failure(let diagnostic): return .failure(diagnostic)
                }
            }
            return .success(YAMLNode(kind: .sequence(items), line: line))
        case .mapping(let mapping):
            var pairs: [YAMLNode.Pair] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    return .failure(.error("", line: key.mark?.line ?? line, "a mapping key must be plain text"))
                }
                switch convert(value, depth: depth + 1, budget: &budget, tagged: tagged) {
                case .success(let item): pairs.append(YAMLNode.Pair(key: keyScalar.string, value: item))
                case .failure(let diagnostic): return .failure(diagnostic)
                }
            }
            return .success(YAMLNode(kind: .mapping(pairs), line: line))
        case .alias:
            // Yams resolves aliases while composing; a bare alias node never reaches us.
            return .failure(.error("", line: line, "unresolved YAML alias"))
        }
    }

    private static func type(of scalar: Node.Scalar) -> YAMLNode.ScalarType {
        switch Tag.Name(rawValue: scalar.tag.rawValue) {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        default: return .string
        }
    }

    private static let standardTags: Set<Tag.Name> = [
        .str, .int, .float, .bool, .null, .seq, .map, .timestamp, .implicit, .binary, .merge, .omap, .pairs, .set,
        .value,
    ]

    /// Tags such as `!!python/object` ask a YAML loader to build objects; we only read data.
    private static func unsupportedTag(_ tag: Tag) -> String? {
        let name = Tag.Name(rawValue: tag.rawValue)
        if standardTags.contains(name) || name.rawValue == "!" || name.rawValue.isEmpty { return nil }
        return "unsupported YAML tag '\(name.rawValue)': only plain data is allowed"
    }

    static func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // libyaml's context mark is where the broken construct starts (`[` of an unclosed list);
            // the problem mark is where it gave up, often a line later.
            let detail = context.map { "\($0.text) " } ?? ""
            let start = context?.mark.line ?? mark.line
            // Lines here are relative to the YAML text, and the caller adds the file's offset to the
            // location only, so the second line is told as a distance.
            let distance = mark.line - start
            let stopped = distance > 0 ? " (parsing stopped \(distance) line\(distance == 1 ? "" : "s") further down)" : ""
            return .error("", line: start, "invalid YAML: \(detail)\(problem)".trimmingCharacters(in: .whitespaces) + stopped)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("", line: context.mark.line, "duplicate key \(names) in YAML mapping")
        case .reader(let problem, _, _, _):
            return .error("", line: 1, "invalid YAML: \(problem)")
        default:
            return .error("", line: 1, "invalid YAML: \(error)")
        }
    }
}

extension Diagnostic {
    /// Moves a diagnostic from text-relative lines to a file: sets the path, adds the offset.
    func located(in path: String, lineOffset: Int) -> Diagnostic {
        var copy = self
        copy.location = SourceLocation(path: path, line: (location.line ?? 1) + lineOffset)
        return copy
    }
}
