import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads and writes the cache folder. All I/O of the cache is here.
struct BuildCacheStore {
    let folder: URL

    var manifestURL: URL { folder.appendingPathComponent("manifest.bin") }
    var searchURL: URL { folder.appendingPathComponent("search.bin") }

    func loadManifest() -> BuildCache? {
        guard let bytes = FileReading.bytes(of: manifestURL.path) else { return nil }
        var reader = BinaryReader(bytes: bytes)
        do {
            guard try reader.string() == BuildCache.formatVersion else { return nil }
            var cache = BuildCache()
            try cache.readHeader(&reader)
            cache.inputs = try Self.table(&reader) { try $0.read(FileSignature.self) }
            cache.pages = try Self.table(&reader) { try $0.read(BuildCache.PageRecord.self) }
            cache.outputs = try Self.table(&reader) { try $0.read(OutputRecord.self) }
            guard reader.isAtEnd else { return nil }
            return cache
        } catch {
            return nil
        }
    }

    /// A dictionary by path, as `write(_:_:)` stored it.
    private static func table<Value>(_ reader: inout BinaryReader, _ read: (inout BinaryReader) throws -> Value) throws -> [String: Value] {
        let count = try reader.count()
        var table: [String: Value] = [:]
        table.reserveCapacity(count)
        for _ in 0..<count { table[try reader.string()] = try read(&reader) }
        return table
    }

    /// In the dictionary's order: the manifest is read back into dictionaries, and it differs from
    /// build to build anyway (its token), so sorting its 10,000s of entries would buy nothing.
    private static func write<Value>(_ table: [String: Value], _ writer: inout BinaryWriter, _ write: (inout BinaryWriter, Value) -> Void) {
        writer.int(table.count)
        for (path, value) in table {
            writer.string(path)
            write(&writer, value)
        }
    }

    /// The search state that belongs to `cache`, if `search.bin` has it.
    func loadSearch(for cache: BuildCache) -> SearchIndexState? {
        guard let bytes = FileReading.bytes(of: searchURL.path), let state = SearchIndexState(decoding: bytes) else { return nil }
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

    /// Reads the pages the manifest lists from their record files, in parts side by side (the texts
    /// stay in their files until asked for); false when a file is missing or does not hold what the
    /// manifest says.
    /// `blockItems`: how to read the block items pages may hold.
    func loadPages(
        into cache: inout BuildCache, blockItems: BlockItemCoding = .standard,
        sharing shared: SharedParts<[RenderedPage]?> = SharedParts()
    ) -> Bool {
        let lock = NSLock()
        var texts: [Int: TextSegment?] = [:]
        let folder = self.folder
        func textFile(_ number: Int) -> TextSegment? {
            lock.withLock {
                if let known = texts[number] { return known }
                let opened = TextSegment(folder: folder, number: number)
                texts[number] = opened
                return opened
            }
        }
        let entries = cache.pages.compactMap { path, record in record.stored.map { (path, $0) } }
        var files: [Int: [UInt8]] = [:]
        for number in Set(entries.map(\.1.file)) {
            guard let bytes = FileReading.bytes(of: folder.appendingPathComponent(PageSegment.fileName(number)).path),
                (try? {
                    var reader = BinaryReader(bytes: bytes)
                    return try reader.string()
                }()) == PageSegment.formatVersion
            else {
                shared.start(count: 0, nil)
                return false
            }
            files[number] = bytes
        }
        // Small parts, so that the thread waiting for the pages can take some (`CacheReading.wait`).
        let parts = max(1, min(32, entries.count / 256))
        shared.start(count: parts) { [files] part in
            var pages: [RenderedPage] = []
            for index in stride(from: part, to: entries.count, by: parts) {
                let (path, location) = entries[index]
                var reader = BinaryReader(bytes: files[location.file]!)
                reader.textFile = textFile
                reader.blockItems = blockItems
                guard (try? reader.seek(to: location.offset)) != nil, let page = try? reader.read(RenderedPage.self), page.source.path == path
                else { return nil }
                pages.append(page)
            }
            return pages
        }
        // This thread and the one that waits share the parts.
        guard let decoded = shared.take(), decoded.allSatisfy({ $0 != nil }) else { return false }
        cache.rendered.reserveCapacity(entries.count)
        for pages in decoded { for page in pages! { cache.rendered[page.source.path] = page } }
        return true
    }

    /// Writes the cache's files (each atomically); a failure only costs the next build its shortcut.
    /// Returns the cache as saved: its records say where each page is now.
    @discardableResult
    func save(_ cache: BuildCache) -> BuildCache {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The pages' files first: a manifest must never describe pages that are not on disk.
        let pending = cache.pendingPages ?? Self.writePages(cache.rendered, previous: nil, in: folder)
        guard let pending, pending.publish(in: folder) else {
            clear()
            return cache
        }
        // Each record says where its page is now.
        var saved = cache
        for path in cache.pages.keys { saved.pages[path]?.stored = pending.locations[path] }
        var manifest = BinaryWriter()
        manifest.string(BuildCache.formatVersion)
        saved.writeHeader(&manifest)
        Self.write(saved.inputs, &manifest) { $0.write($1) }
        Self.write(saved.pages, &manifest) { $0.write($1) }
        Self.write(saved.outputs, &manifest) { $0.write($1) }

        // Then search.bin: a state that is not there (or not written) only costs the next build its words.
        if cache.pendingSearch?.wait()?.publish(as: searchURL.path) != true { unlink(searchURL.path) }
        Self.replace(manifestURL, with: manifest.bytes)
        pending.settle(in: folder)
        return saved
    }

    /// Writes the pages that are not stored yet (new or changed since the cache was read) into a new
    /// record file and their texts into a new text file, named only when the build succeeds (`save`),
    /// a page at a time, so that the cache never needs a second copy of the site in memory. The other
    /// pages stay where they are: a one-page edit writes one page. When there are many files, or most
    /// of what they hold is of pages that are gone or changed, the pages of the files `retired` picks
    /// are written again too, and those files are removed. A build may do this early, on another thread.
    /// `previous`: the cache the build started from; a page equal to its copy there is stored where it was.
    static func writePages(_ rendered: [String: RenderedPage], previous: BuildCache?, in folder: URL) -> PendingPages? {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Each page with its record's place if it is unchanged since the cache was read, and its texts' place.
        let pages = rendered.map { path, page -> (page: RenderedPage, record: PageSegment.Location?, text: TextLocation?) in
            let unchanged = previous.map { $0.rendered[path] == page } ?? false
            return (page, unchanged ? previous?.pages[path]?.stored : nil, page.text.location)
        }
        // Bytes by text file: their sizes, and how much of them pages still use.
        var (sizes, live): ([Int: Int], [Int: Int]) = ([:], [:])
        var recordFiles: Set<Int> = []
        for (_, record, text) in pages {
            if let record { recordFiles.insert(record.file) }
            guard let text else { continue }
            sizes[text.segment.number] = text.segment.size
            live[text.segment.number, default: 0] += text.length
        }
        let retired = Self.retired(sizes: sizes, live: live, recordFiles: recordFiles)
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).compactMap(PageSegment.number(inFileName:))
        let number = ((existing + sizes.keys).max() ?? 0) + 1
        guard let pending = PendingPages(number: number, in: folder, expecting: rendered.count) else { return nil }
        // The pages kept where they are, in any order; those written, sorted by path (the files'
        // bytes do not depend on the dictionary's order). An edit sorts one page, not 10,000.
        var toWrite: [(page: RenderedPage, keepingText: Bool)] = []
        for (page, record, text) in pages {
            let text = text.flatMap { retired.contains($0.segment.number) ? nil : $0 }
            if let record, !retired.contains(record.file), let text {
                pending.keep(page.source.path, record: record, text: text.segment.number)
            } else {
                toWrite.append((page, text != nil))
            }
        }
        for (page, keepingText) in toWrite.sorted(by: { $0.page.source.path < $1.page.source.path }) {
            guard pending.add(page, keepingText: keepingText) else { return nil }
        }
        return pending.finish() ? pending : nil
    }

    /// The cache files whose pages are written again: none while there are fewer than eight text or
    /// record files and at most half of what the text files hold is stale (plus a megabyte). Else all
    /// but the text file with the most live text, and the record file of the same number, when that
    /// text file is at least half live: a site edited page by page then rewrites its few small files,
    /// not its one large one. Else all (`sizes`, `live`: bytes by text file).
    static func retired(sizes: [Int: Int], live: [Int: Int], recordFiles: Set<Int>) -> Set<Int> {
        let all = recordFiles.union(sizes.keys)
        let (stored, living) = (sizes.values.reduce(0, +), live.values.reduce(0, +))
        guard sizes.count >= 8 || recordFiles.count >= 8 || stored > 2 * living + (1 << 20) else { return [] }
        let largest = live.max { ($0.value, $1.key) < ($1.value, $0.key) }
        guard let (number, bytes) = largest, bytes * 2 >= sizes[number] ?? 0 else { return all }
        return all.subtracting([number])
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
}
