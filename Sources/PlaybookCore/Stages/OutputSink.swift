import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where rendered files go: a staging folder during a build, memory for `check` and tests.
/// Written from several threads at once.
public protocol OutputSink: AnyObject, Sendable {
    func write(_ file: OutputFile) throws
    /// Writes a file given in pieces, without joining them in memory first (the search index of a
    /// large site is tens of megabytes).
    func write(path: String, parts: [String]) throws
    /// Puts the previous build's copy of `path` into this output unchanged; false when there is none.
    func reuse(_ path: String) -> Bool
    /// Copies a static file; a file on disk is streamed, never read into memory whole.
    func copy(_ file: StaticFile) throws
}

extension OutputSink {
    public func reuse(_ path: String) -> Bool { false }

    public func copy(_ file: StaticFile) throws {
        guard let data = file.data() else { throw POSIXError(.ENOENT) }
        try write(OutputFile(path: file.path, data: data))
    }

    public func write(path: String, parts: [String]) throws {
        try write(OutputFile(path: path, text: parts.joined()))
    }
}
