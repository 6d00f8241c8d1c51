import Foundation
import PlaybookMarkdown

/// Reads typed fields from one block item, collecting an error per wrong field.
///
/// Lines in its diagnostics are relative to the YAML the item came from.
struct FieldReader {
    let node: YAMLNode
    let kind: String
    private(set) var problems: [Diagnostic] = []

    init(_ node: YAMLNode, kind: String) {
        self.node = node
        self.kind = kind
    }

    /// The reader for one item of a block, its unknown keys already reported; nil (with the problem
    /// added) when the item is not a mapping. `shape` says what an item must be, for that message.
    static func item(_ node: YAMLNode, kind: String, known: [String], shape: String, problems: inout [Diagnostic]) -> FieldReader? {
        guard node.mapping != nil else {
            problems.append(.error("", line: node.line, "\(kind): \(shape), not \(node.typeDescription)"))
            return nil
        }
        var fields = FieldReader(node, kind: kind)
        fields.rejectUnknownKeys(known)
        return fields
    }

    mutating func fail(_ line: Int, _ message: String) {
        problems.append(.error("", line: line, message))
    }

    /// Reports keys the kind does not know, with a suggestion when one is close.
    mutating func rejectUnknownKeys(_ known: [String]) {
        for pair in node.mapping ?? [] where !known.contains(pair.key) {
            let hint = known.first { EditDistance.between($0, pair.key.lowercased()) <= 2 }
            fail(
                pair.value.line,
                "\(kind): unknown field '\(pair.key)'"
                    + (hint.map { "; did you mean '\($0)'?" } ?? "; known fields: \(known.joined(separator: ", "))"))
        }
    }

    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let value = node[key], !value.isNull else {
            if required { fail(node.line, "\(kind): missing required field '\(key)'") }
            return nil
        }
        guard let text = value.scalarText else {
            fail(value.line, "\(kind): field '\(key)' must be text, not \(value.typeDescription)")
            return nil
        }
        if required && text.trimmedSpaces.isEmpty {
            fail(value.line, "\(kind): field '\(key)' must not be empty")
            return nil
        }
        return text
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = node[key], !value.isNull else { return nil }
        if let flag = value.bool { return flag }
        if let text = value.scalarText?.lowercased(), ["true", "false", "yes", "no"].contains(text) {
            return text == "true" || text == "yes"
        }
        fail(value.line, "\(kind): field '\(key)' must be true or false, not \(value.scalarText.map { "'\($0)'" } ?? value.typeDescription)")
        return nil
    }

    mutating func day(_ key: String) -> Day? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let text = value.scalarText, let day = Day(text) else {
            fail(
                value.line,
                "\(kind): field '\(key)' must be a real date written YYYY-MM-DD, not \(value.scalarText.map { "'\($0)'" } ?? value.typeDescription)")
            return nil
        }
        return day
    }

    /// A value from a fixed set of words (case-insensitive), or nil with an error naming the choices.
    mutating func choice(_ key: String, _ choices: [String], required: Bool = false) -> String? {
        guard let text = text(key, required: required) else { return nil }
        let lowered = text.lowercased()
        guard choices.contains(lowered) else {
            fail(node[key]?.line ?? node.line, "\(kind): field '\(key)' must be one of \(choices.joined(separator: ", ")), not '\(text)'")
            return nil
        }
        return lowered
    }

    /// A whole number in `range`, or one of `words` mapped to a number (`low` → 1).
    mutating func level(_ key: String, range: ClosedRange<Int>, words: [String: Int], required: Bool = false) -> Int? {
        guard let value = node[key], !value.isNull else {
            if required { fail(node.line, "\(kind): missing required field '\(key)'") }
            return nil
        }
        let text = value.scalarText ?? ""
        if let number = Int(text), range.contains(number) { return number }
        if let mapped = words[text.lowercased()] { return mapped }
        let wordList = words.sorted { $0.value < $1.value }.map(\.key).joined(separator: "/")
        fail(
            value.line,
            "\(kind): field '\(key)' must be \(range.lowerBound)–\(range.upperBound)\(wordList.isEmpty ? "" : " or \(wordList)"), not \(value.scalarText.map { "'\($0)'" } ?? value.typeDescription)"
        )
        return nil
    }

    mutating func int(_ key: String, range: ClosedRange<Int>) -> Int? {
        level(key, range: range, words: [:])
    }

    /// A list of scalars (numbers written as text are kept as text).
    mutating func list(_ key: String) -> [(text: String, line: Int)]? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let items = value.sequence else {
            fail(value.line, "\(kind): field '\(key)' must be a list, not \(value.typeDescription)")
            return nil
        }
        var result: [(String, Int)] = []
        for item in items {
            guard let text = item.scalarText else {
                fail(item.line, "\(kind): each entry of '\(key)' must be a single value, not \(item.typeDescription)")
                continue
            }
            result.append((text, item.line))
        }
        return result
    }

    /// A mapping of text to text (script `values`).
    mutating func strings(_ key: String) -> [String: String]? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let pairs = value.mapping else {
            fail(value.line, "\(kind): field '\(key)' must be a mapping, not \(value.typeDescription)")
            return nil
        }
        var result: [String: String] = [:]
        for pair in pairs {
            guard let text = pair.value.scalarText else {
                fail(pair.value.line, "\(kind): '\(key).\(pair.key)' must be text")
                continue
            }
            result[pair.key] = text
        }
        return result
    }
}

/// HTML-escapes any value from content.
func escape(_ text: String) -> String { text.htmlAttributeEscaped }
