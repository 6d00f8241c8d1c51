/// A heading found in a document, with the `id` the renderer gave it.
public struct Heading: Equatable, Hashable, Sendable {
    public var level: Int
    public var text: String
    public var id: String
    /// Line in the text given to the renderer (1-based).
    public var line: Int

    public init(level: Int, text: String, id: String, line: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
    }
}
