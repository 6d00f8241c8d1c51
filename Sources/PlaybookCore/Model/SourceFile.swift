import Foundation

/// A file read from the site folder: its path relative to the site root and its bytes.
public struct SourceFile: Hashable, Sendable {
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}
