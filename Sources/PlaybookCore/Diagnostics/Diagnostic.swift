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
        self.init(severity: severity, location: location, message: message)
    }

    init(severity: Severity, location: SourceLocation, message: String) {
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
