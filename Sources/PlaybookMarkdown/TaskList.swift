/// A Markdown list with `[ ] ` / `[x] ` items, found on the AST.
public struct TaskList: Equatable, Sendable {
    /// One task: its state, its text without the marker, and its line.
    public struct Item: Equatable, Sendable {
        public var checked: Bool
        public var text: String
        public var line: Int
    }

    public var items: [Item]
    public var line: Int
}
