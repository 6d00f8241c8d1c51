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

/// Plain POSIX writes. Foundation's `Data.write(to:)` also syncs each file to disk, which costs more
/// than rendering it; durability comes from the final rename of the whole staging folder instead.
enum FileWriting {
    static func write<Chunks: Sequence>(_ chunks: Chunks, to path: String) throws where Chunks.Element == Data {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        for data in chunks {
            try data.withUnsafeBytes { try writeAll($0, to: descriptor) }
        }
    }

    /// Writes strings one after the other, each straight from its UTF-8 storage (no copy into `Data`:
    /// a page or export of a large data file is tens of megabytes).
    static func write(texts: [String], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        for text in texts {
            var text = text
            try text.withUTF8 { try writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
        }
    }

    /// Copies a file in 1 MB pieces; the source is opened without following a symbolic link.
    static func copy(from source: String, to path: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard input >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(input) }
        let output = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(output) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(input, buffer.baseAddress, buffer.count)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), to: output)
        }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }
}

/// Reads whole files with plain POSIX calls, never through a symbolic link. (Foundation's
/// `FileManager.contents(atPath:)` follows links, and leaks a 4 KB buffer for every empty file it reads:
/// found by the template fuzzer.)
public enum FileReading {
    /// The bytes of the regular file at `path`; nil for anything else or on a read error.
    public static func contents(of path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            while filled < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return count == 0 }
                filled += count
            }
            return true
        }
        guard complete else { return nil }
        // A file that shrank while it was read keeps what was there.
        if filled < data.count { data.removeSubrange(filled...) }
        return data
    }
}

/// Sizes and modification times of the files of an output folder, to notice hand edits before
/// reusing a file.
enum OutputRecords {
    static func read(_ folder: URL) -> [String: BuildCache.OutputRecord] {
        FileTree.signatures(below: folder, prefix: "").reduce(into: [:]) { records, entry in
            records[String(entry.key.dropFirst())] = BuildCache.OutputRecord(size: entry.value.size, modified: entry.value.modified)
        }
    }

    static func matches(_ records: [String: BuildCache.OutputRecord], in folder: URL) -> Bool {
        let current = read(folder)
        guard current.count == records.count else { return false }
        return records.allSatisfy { path, record in
            current[path].map { $0.size == record.size && $0.modified == record.modified } ?? false
        }
    }
}
