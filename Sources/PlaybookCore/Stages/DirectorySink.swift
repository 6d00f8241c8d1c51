import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes files straight into a folder (the staging folder), creating parent folders as needed.
public final class DirectorySink: OutputSink, @unchecked Sendable {
    public let folder: URL
    private let lock = NSLock()
    private var created: Set<String> = []

    private let folderPath: String
    /// The output folder of the last build, whose unchanged files `reuse` keeps in this one.
    public var previousFolder: URL?
    /// The files of `previousFolder` as they are now (what the build checked before reusing any).
    var previousRecords: [String: OutputRecord]?
    /// Paths written into the folder, and paths of the last build's output taken over unchanged.
    private(set) var written: Set<String> = []
    private(set) var kept: Set<String> = []

    public init(folder: URL) {
        self.folder = folder
        folderPath = folder.path
    }

    public func write(_ file: OutputFile) throws {
        try FileWriting.write([file.data], to: try prepare(file.path))
    }

    public func write(path: String, parts: [String]) throws {
        try FileWriting.write(texts: parts, to: try prepare(path))
    }

    public func copy(_ file: StaticFile) throws {
        switch file.source {
        case .bytes(let data): try write(OutputFile(path: file.path, data: data))
        case .file(let url, _): try FileWriting.copy(from: url.path, to: try prepare(file.path))
        }
    }

    /// Only noted: `SiteWriter.commit` either leaves the file where it is (a few files changed: the new
    /// ones are moved into the output folder) or hard-links it into this folder before the swap.
    public func reuse(_ path: String) -> Bool {
        guard previousFolder != nil, previousRecords?[path] != nil else { return false }
        lock.withLock { _ = kept.insert(path) }
        return true
    }

    /// The full path for `path` in the folder, its parent folder created first.
    private func prepare(_ path: String) throws -> String {
        // String paths: `URL.appendingPathComponent` asks the file system whether each path is a folder.
        let target = folderPath + "/" + path
        let parent = String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)])
        // The folder is created under the lock: another thread must not write into it before it exists.
        lock.lock()
        defer { lock.unlock() }
        written.insert(path)
        if !created.contains(parent) {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            created.insert(parent)
        }
        return target
    }
}
