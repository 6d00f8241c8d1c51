import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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

    /// `contents(of:)` as bytes, read straight into an array (no zero-filled buffer, no second copy):
    /// what the cache's large files are read with.
    static func bytes(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { buffer, initialized in
            while initialized < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { failed = true }
                if count <= 0 { return }
                initialized += count
            }
        }
        return failed ? nil : bytes
    }
}
