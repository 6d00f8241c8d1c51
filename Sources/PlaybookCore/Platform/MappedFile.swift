import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A regular file mapped read-only into memory (never through a symbolic link): its pages are read
/// when they are touched, so a large cache file costs only the parts a build looks at.
///
/// The cache replaces its files by renaming new ones over them, so a mapped file is never changed
/// under its readers.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// The file at `path`; nil when it is not a regular file or cannot be mapped.
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
