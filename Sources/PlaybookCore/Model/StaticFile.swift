import Foundation

/// A file copied into the output as it is: bytes of the built-in theme, or a file on disk that is
/// streamed into the output without being read into memory whole.
public struct StaticFile: Sendable {
    public enum Source: Sendable {
        case bytes(Data)
        case file(URL, FileSignature)
    }

    /// Path relative to the output folder.
    public var path: String
    public var source: Source

    public init(path: String, source: Source) {
        self.path = path
        self.source = source
    }

    /// The bytes, read from disk for a file (for the one-file export, which inlines CSS and JS).
    public func data() -> Data? {
        switch source {
        case .bytes(let data): return data
        case .file(let url, _): return FileReading.contents(of: url.path)
        }
    }
}
