/// A YAML value with the line it starts on, copied out of Yams' tree.
public struct YAMLNode: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A scalar with its text and the type YAML's core schema resolves it to.
        case scalar(String, ScalarType)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    /// The core-schema type of a scalar: plain `12` is an int, `"12"` a string.
    public enum ScalarType: Hashable, Sendable { case null, bool, int, float, string }

    /// A key and its value, in source order.
    public struct Pair: Hashable, Sendable {
        public var key: String
        public var value: YAMLNode
    }

    public var kind: Kind
    /// Line relative to the YAML text (1-based).
    public var line: Int

    /// The scalar's text; nil for lists and mappings.
    public var scalarText: String? {
        if case .scalar(let text, let type) = kind, type != .null { return text }
        return nil
    }

    public var isNull: Bool {
        if case .scalar(_, .null) = kind { return true }
        return false
    }

    /// The integer value of an int scalar.
    public var int: Int? {
        guard case .scalar(let text, .int) = kind else { return nil }
        // (`_` separates digits; Foundation's `replacingOccurrences` costs some 7,000 instructions a call.)
        return Int(text.utf8.contains(UInt8(ascii: "_")) ? text.filter { $0 != "_" } : text)
    }

    /// The value of a bool scalar (`true`, `false`, `yes`, `no`…).
    public var bool: Bool? {
        guard case .scalar(let text, .bool) = kind else { return nil }
        return ["true", "yes", "on", "y"].contains(text.lowercased())
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The value for `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key == key })?.value
    }

    /// A word for error messages: "a list", "a mapping", "a number"…
    public var typeDescription: String {
        switch kind {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(_, .null): return "empty"
        case .scalar(_, .bool): return "true/false"
        case .scalar(_, .int), .scalar(_, .float): return "a number"
        case .scalar(_, .string): return "text"
        }
    }
}
