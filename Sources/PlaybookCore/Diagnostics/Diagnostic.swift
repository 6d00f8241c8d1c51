/// A place in a file of the site: path relative to the site root, 1-based line.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    /// `content/kpis.md:12`, or the path alone when no line applies.
    public var description: String { line.map { "\(path):\($0)" } ?? path }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line ?? 0) < (rhs.path, rhs.line ?? 0)
    }
}

/// One problem found in a build, printed as `path:line: severity: message`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// An error at `path:line`.
    public static func error(_ path: String, line: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, SourceLocation(path: path, line: line), message)
    }

    /// A warning at `path:line`.
    public static func warning(_ path: String, line: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, SourceLocation(path: path, line: line), message)
    }

    /// `content/kpis.md:12: error: …`, with control characters from content shown as escapes (`\x1b`).
    public var description: String { TerminalText.visible("\(location): \(severity.rawValue): \(message)") }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file and line, duplicates removed: the order they are printed in.
    public var sortedForDisplay: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
}
