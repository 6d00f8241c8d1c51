/// Where each page is written, keyed by its source path.
public struct RouteTable: Sendable {
    /// Source path (`content/plan/index.md`) → output path (`plan/index.html`).
    public var outputPath: [String: String] = [:]
    /// Content folder (`content/plan`) → its section's output path, for links to folders.
    public var sectionPath: [String: String] = [:]

    public init(outputPath: [String: String] = [:], sectionPath: [String: String] = [:]) {
        self.outputPath = outputPath
        self.sectionPath = sectionPath
    }
}
