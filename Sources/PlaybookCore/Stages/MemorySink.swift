import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps every file in memory; `files` lists them sorted by path.
public final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: Data] = [:]

    public init() {}

    public func write(_ file: OutputFile) throws {
        lock.lock()
        defer { lock.unlock() }
        stored[file.path] = file.data
    }

    public var files: [OutputFile] {
        lock.lock()
        defer { lock.unlock() }
        return stored.keys.sorted().map { OutputFile(path: $0, data: stored[$0]!) }
    }
}
