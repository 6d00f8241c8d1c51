/// A link or image destination found in a document.
public struct LinkReference: Equatable, Hashable, Sendable {
    public var destination: String
    public var line: Int
    public var isImage: Bool
    /// Inside another note shown on the page (an embed): the note's own link, checked on its own page.
    public var isInEmbed = false

    public init(destination: String, line: Int, isImage: Bool, isInEmbed: Bool = false) {
        self.destination = destination
        self.line = line
        self.isImage = isImage
        self.isInEmbed = isInEmbed
    }
}
