import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file being written that gets its name only when it is complete.
///
/// On Linux it is created with `O_TMPFILE`: until `publish(as:)` it has no name, so a build that fails,
/// crashes or is killed while writing it leaves nothing behind. Elsewhere (or on a file system without
/// `O_TMPFILE`) it is a named `NAME.tmp` that is removed unless published.
final class PendingFile: @unchecked Sendable {
    private let descriptor: Int32
    /// The named temporary file, when `O_TMPFILE` was not available.
    private let temporaryPath: String?
    private var published = false

    /// Opens an unnamed file in `folder`, or `folder/NAME.tmp` as a fallback.
    init?(in folder: String, name: String) {
        #if os(Linux)
            // O_TMPFILE is __O_TMPFILE | O_DIRECTORY; Swift does not import the macro.
            let unnamed = open(folder, O_WRONLY | O_CLOEXEC | Int32(0o20000000) | O_DIRECTORY, 0o644)
            if unnamed >= 0 {
                descriptor = unnamed
                temporaryPath = nil
                return
            }
        #endif
        let path = folder + "/" + name + ".tmp"
        let named = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard named >= 0 else { return nil }
        descriptor = named
        temporaryPath = path
    }

    deinit {
        close(descriptor)
        if let temporaryPath, !published { unlink(temporaryPath) }
    }

    /// Appends `bytes`; false on a write error.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    /// Gives the finished file the name `path`, replacing any file there in one rename.
    func publish(as path: String) -> Bool {
        guard !published else { return false }
        let temporary = temporaryPath ?? path + ".tmp"
        #if os(Linux)
            if temporaryPath == nil {
                unlink(temporary)
                guard linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else { return false }
            }
        #endif
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        published = true
        return true
    }
}
