import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One text file of the cache, `texts-N.bin`: the HTML and plain text of pages, written once by one
/// build and never changed after. A build that changes a few pages writes only their texts, in a new
/// file; the others stay where they are. Read with `pread`, a page at a time, when asked for.
final class TextSegment: @unchecked Sendable {
    static let formatVersion = "playbook-texts-1"
    let number: Int
    /// The file's size when opened: every location must lie within it.
    let size: Int
    private let descriptor: Int32

    static func fileName(_ number: Int) -> String { "texts-\(number).bin" }

    /// Opens `texts-N.bin` in `folder`; nil when it is missing or not a text file of this version.
    init?(folder: URL, number: Int) {
        let path = folder.appendingPathComponent(Self.fileName(number)).path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        let header = Self.header
        var start = [UInt8](repeating: 0, count: header.count)
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            pread(descriptor, &start, header.count, 0) == header.count, start == header
        else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.number = number
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    static var header: [UInt8] {
        var writer = BinaryWriter()
        writer.string(formatVersion)
        return writer.bytes
    }

    /// One page's texts as `append` wrote them; nil when the bytes are not there or not texts.
    func read(_ location: TextLocation) -> (html: String, plainText: String)? {
        guard location.offset >= 0, location.length >= 0, location.offset + location.length <= size else { return nil }
        var bytes = [UInt8](repeating: 0, count: location.length)
        var done = 0
        while done < location.length {
            let count = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, location.length - done, off_t(location.offset + done))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            done += count
        }
        var reader = BinaryReader(bytes: bytes)
        guard let html = try? reader.string(), let plainText = try? reader.string(), reader.isAtEnd else { return nil }
        return (html, plainText)
    }

    /// The bytes `read` takes back.
    static func encode(html: String, plainText: String, into writer: inout BinaryWriter) {
        writer.string(html)
        writer.string(plainText)
    }
}

/// Where one page's texts are: a text file of the cache, an offset and a length.
struct TextLocation: TextStore, @unchecked Sendable {
    var segment: TextSegment
    var offset: Int
    var length: Int

    func read() -> (html: String, plainText: String)? { segment.read(self) }

    func holdsSameTexts(as other: any TextStore) -> Bool {
        guard let other = other as? TextLocation else { return false }
        return segment === other.segment && offset == other.offset
    }
}

extension PageText {
    /// Where the cache has the texts, if it has them.
    var location: TextLocation? { store as? TextLocation }
}
