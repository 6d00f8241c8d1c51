import Foundation

/// A cache file of byte strings by 64-bit key, mapped into memory: opening it reads its header; an
/// entry is found by a binary search of the key table and read when it is asked for. The highlight
/// cache and the export's pages are kept this way, so that a build reads only the entries it uses.
///
/// Layout (integers little-endian, eight bytes): the header's length and its UTF-8 bytes (a format
/// name, and what the entries were made with), the number of entries, one (key, offset, length) a
/// entry sorted by key, then the entries' bytes (offsets count from the file's start).
struct KeyedBlobs: @unchecked Sendable {
    let header: String
    let count: Int
    private let file: MappedFile
    private let table: Int

    /// The file at `path`; nil when there is none or it is not a whole file of this layout.
    init?(path: String) {
        guard let file = MappedFile(path: path) else { return nil }
        let bytes = file.bytes
        func number(at offset: Int) -> Int? {
            guard offset >= 0, offset + 8 <= bytes.count else { return nil }
            let value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            return value <= UInt64(bytes.count) ? Int(value) : nil
        }
        guard let headerLength = number(at: 0), let count = number(at: 8 + headerLength), count <= bytes.count / 24 else { return nil }
        let table = 16 + headerLength
        guard table + count * 24 <= bytes.count else { return nil }
        self.header = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + headerLength)]), as: UTF8.self)
        (self.file, self.count, self.table) = (file, count, table)
        // Every entry lies inside the file, and the keys are in order (what the binary search needs).
        var previous: UInt64?
        for index in 0..<count {
            let key = self.key(at: index)
            guard previous.map({ $0 < key }) ?? true, let offset = number(at: table + index * 24 + 8),
                let length = number(at: table + index * 24 + 16), offset >= table + count * 24, offset + length <= bytes.count
            else { return nil }
            previous = key
        }
    }

    func key(at index: Int) -> UInt64 {
        UInt64(littleEndian: file.bytes.loadUnaligned(fromByteOffset: table + index * 24, as: UInt64.self))
    }

    /// The entry at `index` (valid while this value lives).
    func bytes(at index: Int) -> UnsafeRawBufferPointer {
        let offset = Int(UInt64(littleEndian: file.bytes.loadUnaligned(fromByteOffset: table + index * 24 + 8, as: UInt64.self)))
        let length = Int(UInt64(littleEndian: file.bytes.loadUnaligned(fromByteOffset: table + index * 24 + 16, as: UInt64.self)))
        return UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + length)])
    }

    /// Where `key`'s entry is in the table, or nil.
    func index(of key: UInt64) -> Int? {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            let found = self.key(at: middle)
            if found == key { return middle }
            if found < key { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// `key`'s entry as text, or nil.
    func string(_ key: UInt64) -> String? {
        index(of: key).map { String(decoding: bytes(at: $0), as: UTF8.self) }
    }

    /// An entry to write: new text or bytes, or the bytes of an entry of a file being replaced.
    enum Entry {
        case text(String)
        case bytes([UInt8])
        case stored(KeyedBlobs, Int)

        var length: Int {
            switch self {
            case .text(let text): return text.utf8.count
            case .bytes(let bytes): return bytes.count
            case .stored(let file, let index): return file.bytes(at: index).count
            }
        }
    }

    /// Writes `entries` (any order, one per key) with `header` as `folder/name`, replacing that file
    /// in one rename, each entry's bytes straight from where they are; false when it could not.
    @discardableResult
    static func write(header: String, entries: [(key: UInt64, entry: Entry)], in folder: URL, name: String) -> Bool {
        let sorted = entries.sorted { $0.key < $1.key }
        var head = [UInt8]()
        func put(_ value: Int) { withUnsafeBytes(of: UInt64(value).littleEndian) { head.append(contentsOf: $0) } }
        put(header.utf8.count)
        head += header.utf8
        put(sorted.count)
        var offset = head.count + sorted.count * 24
        for (key, entry) in sorted {
            withUnsafeBytes(of: key.littleEndian) { head.append(contentsOf: $0) }
            put(offset)
            put(entry.length)
            offset += entry.length
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let file = PendingFile(in: folder.path, name: name), head.withUnsafeBytes({ file.write($0) }) else { return false }
        for (_, entry) in sorted {
            let written: Bool
            switch entry {
            case .text(var text): written = text.withUTF8 { file.write(UnsafeRawBufferPointer($0)) }
            case .bytes(let bytes): written = bytes.withUnsafeBytes { file.write($0) }
            case .stored(let blobs, let index): written = file.write(blobs.bytes(at: index))
            }
            guard written else { return false }
        }
        return file.publish(as: folder.appendingPathComponent(name).path)
    }
}
