import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
