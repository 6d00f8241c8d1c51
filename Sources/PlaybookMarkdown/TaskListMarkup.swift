/// HTML a hook supplies for a task list: around the list, and around each task's content.
public struct TaskListMarkup: Equatable, Sendable {
    public var before: String
    public var after: String
    /// One opening string per task item (typically `<label><input type="checkbox">`).
    public var itemOpen: [String]
    public var itemClose: String

    public init(before: String, after: String, itemOpen: [String], itemClose: String) {
        self.before = before
        self.after = after
        self.itemOpen = itemOpen
        self.itemClose = itemClose
    }
}
