import Foundation

/// Where rendered files go: a staging folder during a build, memory for `check` and tests.
/// Written from several threads at once.
public protocol OutputSink: AnyObject, Sendable {
    func write(_ file: OutputFile) throws
}

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

/// Writes files straight into a folder (the staging folder), creating parent folders as needed.
public final class DirectorySink: OutputSink, @unchecked Sendable {
    public let folder: URL
    private let lock = NSLock()
    private var created: Set<String> = []

    public init(folder: URL) { self.folder = folder }

    public func write(_ file: OutputFile) throws {
        let url = folder.appendingPathComponent(file.path)
        let parent = url.deletingLastPathComponent().path
        // The folder is created under the lock: another thread must not write into it before it exists.
        lock.lock()
        if !created.contains(parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                lock.unlock()
                throw error
            }
            created.insert(parent)
        }
        lock.unlock()
        try file.data.write(to: url)
    }
}
