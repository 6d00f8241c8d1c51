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
