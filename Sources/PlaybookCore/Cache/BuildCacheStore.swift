import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads and writes the cache folder. All I/O of the cache is here.
struct BuildCacheStore {
    let folder: URL

    var manifestURL: URL { folder.appendingPathComponent("manifest.bin") }
    var pagesURL: URL { folder.appendingPathComponent("pages.bin") }
    var searchURL: URL { folder.appendingPathComponent("search.bin") }

    func loadManifest() -> BuildCache? {
        guard let data = FileReading.contents(of: manifestURL.path) else { return nil }
        var reader = BinaryReader(data)
        do {
            guard try reader.string() == BuildCache.formatVersion else { return nil }
            var cache = BuildCache()
            cache.outputFolder = try reader.string()
            cache.environmentHash = try reader.uint64()
            cache.structureHash = try reader.uint64()
            cache.listingHash = try reader.uint64()
            cache.dashboardHash = try reader.uint64()
            cache.pageCount = try reader.int()
            for _ in 0..<(try reader.int()) {
                cache.inputs[try reader.string()] = try Self.signature(&reader)
            }
            for _ in 0..<(try reader.int()) {
                let path = try reader.string()
                cache.pages[path] = BuildCache.PageRecord(
                    signature: try Self.signature(&reader), contentHash: try reader.uint64(),
                    diagnostics: try reader.array { try $0.diagnostic() }, hasPage: try reader.bool())
            }
            for _ in 0..<(try reader.int()) {
                cache.outputs[try reader.string()] = BuildCache.OutputRecord(size: try reader.int(), modified: try reader.int())
            }
            cache.diagnostics = try reader.array { try $0.diagnostic() }
            cache.highlightUnavailable = try reader.bool()
            cache.token = try reader.uint64()
            return cache
        } catch {
            return nil
        }
    }

    /// The search state that belongs to `cache`, if `search.bin` has it.
    func loadSearch(for cache: BuildCache) -> SearchIndexState? {
        guard let data = FileReading.contents(of: searchURL.path), let state = SearchIndexState(decoding: data) else { return nil }
        return state.token == cache.token ? state : nil
    }

    /// Encodes `state` into an unnamed file (on another thread, while the build goes on).
    static func writeSearch(_ state: SearchIndexState, in folder: URL) -> BackgroundWork<PendingFile?> {
        BackgroundWork {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard let file = PendingFile(in: folder.path, name: "search.bin") else { return nil }
            return state.encoded().withUnsafeBytes { file.write($0) } ? file : nil
        }
    }

    /// Reads pages.bin (the texts stay in their files until asked for); false when it is missing, of
    /// another build or refers to a text file that is not there.
    func loadPages(into cache: inout BuildCache) -> Bool {
        guard let data = FileReading.contents(of: pagesURL.path) else { return false }
        var reader = BinaryReader(data)
        var segments: [Int: TextSegment?] = [:]
        func segment(_ number: Int) -> TextSegment? {
            if let known = segments[number] { return known }
            let opened = TextSegment(folder: folder, number: number)
            segments[number] = opened
            return opened
        }
        do {
            guard try reader.string() == BuildCache.formatVersion, try reader.uint64() == cache.token else { return false }
            for page in try reader.array({ try $0.rendered(segment: segment) }) { cache.rendered[page.source.path] = page }
            return reader.isAtEnd
        } catch {
            return false
        }
    }

    /// Writes the cache's files (each atomically); a failure only costs the next build its shortcut.
    func save(_ cache: BuildCache) {
        var manifest = BinaryWriter()
        manifest.string(BuildCache.formatVersion)
        manifest.string(cache.outputFolder)
        manifest.uint64(cache.environmentHash)
        manifest.uint64(cache.structureHash)
        manifest.uint64(cache.listingHash)
        manifest.uint64(cache.dashboardHash)
        manifest.int(cache.pageCount)
        manifest.int(cache.inputs.count)
        for (path, signature) in cache.inputs.sorted(by: { $0.key < $1.key }) {
            manifest.string(path)
            Self.write(signature, &manifest)
        }
        manifest.int(cache.pages.count)
        for (path, record) in cache.pages.sorted(by: { $0.key < $1.key }) {
            manifest.string(path)
            Self.write(record.signature, &manifest)
            manifest.uint64(record.contentHash)
            manifest.array(record.diagnostics) { $0.diagnostic($1) }
            manifest.bool(record.hasPage)
        }
        manifest.int(cache.outputs.count)
        for (path, record) in cache.outputs.sorted(by: { $0.key < $1.key }) {
            manifest.string(path)
            manifest.int(record.size)
            manifest.int(record.modified)
        }
        manifest.array(cache.diagnostics) { $0.diagnostic($1) }
        manifest.bool(cache.highlightUnavailable)
        manifest.uint64(cache.token)

        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The texts, then pages.bin: a manifest must never describe pages that are not on disk.
        let pending = cache.pendingPages ?? Self.writePages(cache.rendered, token: cache.token, in: folder)
        guard let pending, pending.texts.map({ $0.file.publish(as: folder.appendingPathComponent(TextSegment.fileName($0.number)).path) }) ?? true,
            pending.pages.publish(as: pagesURL.path)
        else {
            clear()
            return
        }
        // Then search.bin: a state that is not there (or not written) only costs the next build its words.
        if cache.pendingSearch?.wait()?.publish(as: searchURL.path) != true { unlink(searchURL.path) }
        Self.replace(manifestURL, with: manifest.bytes)
        // Text files no page refers to any more are removed; the new texts are known to be in theirs.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            if let number = TextSegment.number(inFileName: name), !pending.referenced.contains(number) {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
        if let (_, number) = pending.texts, let segment = TextSegment(folder: folder, number: number) {
            for (text, offset, length) in pending.written { text.didStore(at: TextLocation(segment: segment, offset: offset, length: length)) }
        }
    }

    /// Writes pages.bin, and a new text file with the texts not stored yet, into files that are named
    /// only when the build succeeds (`save`), a page at a time, so the cache never needs a second copy
    /// of the site in memory. When most of the stored text is of pages that are gone or changed, every
    /// text is written again into the new file (the old ones are then removed). A build may do this
    /// early, on another thread.
    static func writePages(_ rendered: [String: RenderedPage], token: UInt64, in folder: URL) -> PendingPages? {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pages = rendered.values.sorted { $0.source.path < $1.source.path }
        var stored: [Int: TextSegment] = [:]
        var live = 0
        for page in pages {
            guard let location = page.text.location else { continue }
            stored[location.segment.number] = location.segment
            live += location.length
        }
        let storedBytes = stored.values.reduce(0) { $0 + $1.size }
        let compact = stored.count >= 8 || storedBytes > 2 * live + (1 << 20)
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).compactMap(TextSegment.number(inFileName:))
        let number = ((existing + stored.keys).max() ?? 0) + 1
        guard let pagesFile = PendingFile(in: folder.path, name: "pages.bin") else { return nil }
        var textsFile: PendingFile?
        var texts = BinaryWriter()
        var textsOffset = 0
        var pending = PendingPages(pages: pagesFile)
        var buffer = BinaryWriter()
        buffer.string(BuildCache.formatVersion)
        buffer.uint64(token)
        buffer.int(pages.count)
        func flush(_ writer: inout BinaryWriter, _ file: PendingFile?) -> Bool {
            let ok = writer.bytes.withUnsafeBytes { file?.write($0) ?? false }
            writer = BinaryWriter()
            return ok
        }
        for page in pages {
            if !compact, let location = page.text.location {
                buffer.rendered(page, texts: location.segment.number, offset: location.offset, length: location.length)
                pending.referenced.insert(location.segment.number)
            } else {
                if textsFile == nil {
                    guard let file = PendingFile(in: folder.path, name: TextSegment.fileName(number)) else { return nil }
                    textsFile = file
                    texts = BinaryWriter()
                    for byte in TextSegment.header { texts.byte(byte) }
                    textsOffset = 0
                }
                let start = textsOffset + texts.bytes.count
                let contents = page.text.contents
                TextSegment.encode(html: contents.html, plainText: contents.plainText, into: &texts)
                let length = textsOffset + texts.bytes.count - start
                buffer.rendered(page, texts: number, offset: start, length: length)
                pending.written.append((page.text, start, length))
                pending.referenced.insert(number)
                if texts.bytes.count > 1 << 20 {
                    textsOffset += texts.bytes.count
                    guard flush(&texts, textsFile) else { return nil }
                }
            }
            if buffer.bytes.count > 1 << 20, !flush(&buffer, pagesFile) { return nil }
        }
        if let textsFile {
            guard flush(&texts, textsFile) else { return nil }
            pending.texts = (textsFile, number)
        }
        return flush(&buffer, pagesFile) ? pending : nil
    }

    /// Removes temporary files an interrupted build may have left in the cache folder.
    func removeTemporaries() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".tmp") {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// Writes a temporary file beside `url`, then renames it over `url`.
    private static func replace(_ url: URL, with bytes: [UInt8]) {
        let temporary = url.path + ".tmp"
        do {
            try FileWriting.write([Data(bytes)], to: temporary)
            if rename(temporary, url.path) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    /// Removes the cache (after a failed build its records could describe an output that is gone).
    func clear() {
        try? FileManager.default.removeItem(at: manifestURL)
    }

    private static func signature(_ reader: inout BinaryReader) throws -> FileSignature {
        FileSignature(size: try reader.int(), modified: try reader.int(), inode: try reader.int())
    }

    private static func write(_ signature: FileSignature, _ writer: inout BinaryWriter) {
        writer.int(signature.size)
        writer.int(signature.modified)
        writer.int(signature.inode)
    }
}
