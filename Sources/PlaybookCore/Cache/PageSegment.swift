import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The cache's page record files, `pages-N.bin`: every field of a page but its texts (which are in
/// `texts-N.bin`, see `TextSegment`), written once by one build and never changed after. The
/// manifest says where each page's record is.
enum PageSegment {
    static let formatVersion = "playbook-pages-2-" + CacheSchema.digest

    struct Location: Hashable, Sendable {
        var file: Int
        var offset: Int
    }

    static func fileName(_ number: Int) -> String { "pages-\(number).bin" }

    /// The number in `pages-N.bin` or `texts-N.bin` (the two kinds share their numbers), or nil.
    static func number(inFileName name: String) -> Int? {
        for prefix in ["pages-", "texts-"] where name.hasPrefix(prefix) && name.hasSuffix(".bin") {
            return Int(name.dropFirst(prefix.count).dropLast(4))
        }
        return nil
    }
}

/// The files one build writes for the cache's pages, still unnamed until `publish`: the records
/// (and texts) of the pages that were not stored yet, and where every page is.
final class PendingPages: @unchecked Sendable {
    let number: Int
    private let recordFile: PendingFile
    private var texts: PendingFile?
    private var recordBuffer = BinaryWriter()
    private var textBuffer = BinaryWriter()
    private var recordsFlushed = 0
    private var textsFlushed = 0
    /// Where each page's record is, for the manifest.
    private(set) var locations: [String: PageSegment.Location] = [:]
    private var referenced: Set<Int> = []
    private var lastKept = (record: -1, text: -1)
    private var writtenTexts: [(text: PageText, offset: Int, length: Int)] = []
    /// Records written by this build.
    private var written = 0
    private let folder: URL

    /// `expecting`: how many pages the manifest will list.
    init?(number: Int, in folder: URL, expecting: Int = 0) {
        guard let records = PendingFile(in: folder.path, name: PageSegment.fileName(number)) else { return nil }
        locations.reserveCapacity(expecting)
        self.number = number
        recordFile = records
        self.folder = folder
        recordBuffer.string(PageSegment.formatVersion)
    }

    /// A page stored by an earlier build, unchanged: it stays where it is.
    func keep(_ path: String, record: PageSegment.Location, text: Int) {
        locations[path] = record
        // (Most kept pages share their two files with the page before.)
        if record.file != lastKept.record || text != lastKept.text {
            referenced.insert(record.file)
            referenced.insert(text)
            lastKept = (record.file, text)
        }
    }

    /// Writes `page`'s record, and its texts unless they are stored already and `keepingText`.
    func add(_ page: RenderedPage, keepingText: Bool) -> Bool {
        let text: (file: Int, offset: Int, length: Int)
        if keepingText, let stored = page.text.location {
            text = (stored.segment.number, stored.offset, stored.length)
        } else {
            if texts == nil {
                guard let file = PendingFile(in: folder.path, name: TextSegment.fileName(number)) else { return false }
                texts = file
                for byte in TextSegment.header { textBuffer.byte(byte) }
            }
            let start = textsFlushed + textBuffer.bytes.count
            let contents = page.text.contents
            TextSegment.encode(html: contents.html, plainText: contents.plainText, into: &textBuffer)
            text = (number, start, textsFlushed + textBuffer.bytes.count - start)
            writtenTexts.append((page.text, text.offset, text.length))
            if textBuffer.bytes.count > 1 << 20, !Self.flush(&textBuffer, into: texts, count: &textsFlushed) { return false }
        }
        referenced.insert(text.file)
        let offset = recordsFlushed + recordBuffer.bytes.count
        recordBuffer.textLocation = text
        recordBuffer.write(page)
        locations[page.source.path] = PageSegment.Location(file: number, offset: offset)
        referenced.insert(number)
        written += 1
        if recordBuffer.bytes.count > 1 << 20 { return Self.flush(&recordBuffer, into: recordFile, count: &recordsFlushed) }
        return true
    }

    /// Writes what is still buffered; false on a write error.
    func finish() -> Bool {
        (texts == nil || Self.flush(&textBuffer, into: texts, count: &textsFlushed))
            && Self.flush(&recordBuffer, into: recordFile, count: &recordsFlushed)
    }

    private static func flush(_ buffer: inout BinaryWriter, into file: PendingFile?, count: inout Int) -> Bool {
        let ok = buffer.bytes.withUnsafeBytes { file?.write($0) ?? false }
        count += buffer.bytes.count
        buffer = BinaryWriter()
        return ok
    }

    /// Names the new files (texts first); false when one could not be.
    func publish(in folder: URL) -> Bool {
        if let texts, !texts.publish(as: folder.appendingPathComponent(TextSegment.fileName(number)).path) { return false }
        guard written > 0 else { return true }
        return recordFile.publish(as: folder.appendingPathComponent(PageSegment.fileName(number)).path)
    }

    /// Once the manifest is in place: removes the files no page refers to any more, and notes in the
    /// texts written where they are now (a process that builds again — `serve` — then does not write
    /// them again; the manifest says where each page's record is).
    func settle(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            // (`pages.bin`: the one file of pages that caches before format 8 had.)
            if PageSegment.number(inFileName: name).map({ !referenced.contains($0) }) ?? (name == "pages.bin") {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
        if texts != nil, let segment = TextSegment(folder: folder, number: number) {
            for (text, offset, length) in writtenTexts { text.didStore(in: TextLocation(segment: segment, offset: offset, length: length)) }
        }
        writtenTexts = []
    }
}
