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
    /// The output folder of the last build, whose unchanged files `reuse` hard-links into this one.
    public var previousFolder: URL?

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

    /// A hard link costs one system call and no copy; the old folder is removed after the swap, so the
    /// file then simply lives on in the new one.
    public func reuse(_ path: String) -> Bool {
        guard let previousFolder, let target = try? prepare(path) else { return false }
        return link(previousFolder.path + "/" + path, target) == 0
    }

    /// The full path for `path` in the folder, its parent folder created first.
    private func prepare(_ path: String) throws -> String {
        // String paths: `URL.appendingPathComponent` asks the file system whether each path is a folder.
        let target = folderPath + "/" + path
        let parent = String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)])
        // The folder is created under the lock: another thread must not write into it before it exists.
        lock.lock()
        defer { lock.unlock() }
        if !created.contains(parent) {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            created.insert(parent)
        }
        return target
    }
}
