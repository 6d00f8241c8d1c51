import Foundation
import PlaybookCore

#if canImport(Glibc)
    import Glibc
#endif

/// Calls `onChange` when a watched file or anything below a watched folder of the site changes:
/// inotify on Linux, polling of file signatures where inotify is unavailable (or `polling` is forced).
/// The site folder itself is watched only for the names given, so writing `public/` triggers nothing.
public final class FileWatcher: @unchecked Sendable {
    public let root: URL
    /// Folder and file names directly inside `root` (`content`, `playbook.yml`).
    public let names: Set<String>
    private var folders: [URL] { names.sorted().map { root.appendingPathComponent($0) } }
    private var rootWatch: Int32 = -1
    private let onChange: @Sendable () -> Void
    private let lock = NSLock()
    private var stopped = false
    private var descriptor: Int32 = -1
    private var watches: [Int32: String] = [:]
    /// True when inotify could not be used and the folders are polled instead.
    public private(set) var isPolling = false

    public init(root: URL, names: Set<String>, polling: Bool = false, onChange: @escaping @Sendable () -> Void) {
        self.root = root
        self.names = names
        self.onChange = onChange
        #if os(Linux)
            if !polling {
                descriptor = inotify_init1(Int32(IN_CLOEXEC))
            }
        #endif
        isPolling = descriptor < 0
    }

    /// Starts watching on a background thread.
    public func start() {
        let thread = Thread { [self] in isPolling ? pollLoop() : inotifyLoop() }
        thread.name = "playbook-watch"
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        if descriptor >= 0 { close(descriptor) }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    #if os(Linux)
        private func addWatches(below path: String) {
            let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF)
            for folder in FileTree.folders(below: URL(fileURLWithPath: path, isDirectory: true)) {
                let watch = inotify_add_watch(descriptor, folder, mask)
                if watch >= 0 { watches[watch] = folder }
            }
        }
    #endif

    private func inotifyLoop() {
        #if os(Linux)
            let rootMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB)
            rootWatch = inotify_add_watch(descriptor, root.path, rootMask)
            for folder in folders { addWatches(below: folder.path) }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while !isStopped {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 {
                    if errno == EINTR { continue }
                    return
                }
                // New folders need watches of their own; in the site folder only the watched names count.
                var relevant = false
                var offset = 0
                while offset < count {
                    let (watch, mask, nameLength, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        let nameStart = offset + MemoryLayout<inotify_event>.size
                        let nameBytes = raw[nameStart..<nameStart + Int(event.len)].prefix { $0 != 0 }
                        return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                    }
                    if watch == rootWatch {
                        if names.contains(name) {
                            relevant = true
                            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addWatches(below: root.path + "/" + name) }
                        }
                    } else if !name.hasPrefix(".") || mask & UInt32(IN_DELETE_SELF) != 0 {
                        relevant = true
                        if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watches[watch] {
                            addWatches(below: parent + "/" + name)
                        }
                    }
                    offset += MemoryLayout<inotify_event>.size + nameLength
                }
                if relevant { onChange() }
            }
        #endif
    }

    private func pollLoop() {
        var last = snapshot()
        while !isStopped {
            usleep(200_000)
            let now = snapshot()
            if now != last {
                last = now
                onChange()
            }
        }
    }

    private func snapshot() -> [String: FileSignature] {
        var all: [String: FileSignature] = [:]
        for folder in folders {
            all.merge(FileTree.signatures(of: folder)) { a, _ in a }
        }
        return all
    }
}
