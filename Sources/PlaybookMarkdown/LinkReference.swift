/// A link or image destination found in a document.
public struct LinkReference: Equatable, Hashable, Sendable {
    public var destination: String
    public var line: Int
    public var isImage: Bool

    public init(destination: String, line: Int, isImage: Bool) {
        self.destination = destination
        self.line = line
        self.isImage = isImage
    }
}
