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
            cache.outputFolder = try reader.string()
            cache.environmentHash = try reader.uint64()
            cache.structureHash = try reader.uint64()
            cache.listingHash = try reader.uint64()
            cache.dashboardHash = try reader.uint64()
            cache.pageCount = try reader.int()
            let inputCount = try reader.count()
            cache.inputs.reserveCapacity(inputCount)
            for _ in 0..<inputCount {
                cache.inputs[try reader.string()] = try Self.signature(&reader)
            }
            let pageCount = try reader.count()
            cache.pages.reserveCapacity(pageCount)
            for _ in 0..<pageCount {
                let path = try reader.string()
                cache.pages[path] = BuildCache.PageRecord(
                    signature: try Self.signature(&reader),
                    diagnostics: try reader.array { try $0.diagnostic() }, hasPage: try reader.bool(),
                    stored: try reader.optional { PageSegment.Location(file: try $0.int(), offset: try $0.int()) })
            }
            let outputCount = try reader.count()
            cache.outputs.reserveCapacity(outputCount)
            for _ in 0..<outputCount {
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
    func loadPages(into cache: inout BuildCache, sharing shared: SharedParts<[RenderedPage]?> = SharedParts()) -> Bool {
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
                guard (try? reader.seek(to: location.offset)) != nil, let page = try? reader.rendered(segment: textFile),
                    page.source.path == path
                else { return nil }
                page.didStore(in: location.file, at: location.offset)
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
    func save(_ cache: BuildCache) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The pages' files first: a manifest must never describe pages that are not on disk.
        let pending = cache.pendingPages ?? Self.writePages(cache.rendered, in: folder)
        guard let pending, pending.publish(in: folder) else {
            clear()
            return
        }
        var manifest = BinaryWriter()
        manifest.string(BuildCache.formatVersion)
        manifest.string(cache.outputFolder)
        manifest.uint64(cache.environmentHash)
        manifest.uint64(cache.structureHash)
        manifest.uint64(cache.listingHash)
        manifest.uint64(cache.dashboardHash)
        manifest.int(cache.pageCount)
        // In the dictionaries' order: the manifest is read back into dictionaries, and it differs from
        // build to build anyway (its token), so sorting its 10,000s of entries would buy nothing.
        manifest.int(cache.inputs.count)
        for (path, signature) in cache.inputs {
            manifest.string(path)
            Self.write(signature, &manifest)
        }
        manifest.int(cache.pages.count)
        for (path, record) in cache.pages {
            manifest.string(path)
            Self.write(record.signature, &manifest)
            manifest.array(record.diagnostics) { $0.diagnostic($1) }
            manifest.bool(record.hasPage)
            manifest.optional(pending.locations[path]) {
                $0.int($1.file)
                $0.int($1.offset)
            }
        }
        manifest.int(cache.outputs.count)
        for (path, record) in cache.outputs {
            manifest.string(path)
            manifest.int(record.size)
            manifest.int(record.modified)
        }
        manifest.array(cache.diagnostics) { $0.diagnostic($1) }
        manifest.bool(cache.highlightUnavailable)
        manifest.uint64(cache.token)

        // Then search.bin: a state that is not there (or not written) only costs the next build its words.
        if cache.pendingSearch?.wait()?.publish(as: searchURL.path) != true { unlink(searchURL.path) }
        Self.replace(manifestURL, with: manifest.bytes)
        pending.settle(in: folder)
    }

    /// Writes the pages that are not stored yet (new or changed since the cache was read) into a new
    /// record file and their texts into a new text file, named only when the build succeeds (`save`),
    /// a page at a time, so that the cache never needs a second copy of the site in memory. The other
    /// pages stay where they are: a one-page edit writes one page. When there are many files, or most
    /// of what they hold is of pages that are gone or changed, the pages of the files `retired` picks
    /// are written again too, and those files are removed. A build may do this early, on another thread.
    static func writePages(_ rendered: [String: RenderedPage], in folder: URL) -> PendingPages? {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Bytes by text file: their sizes, and how much of them pages still use.
        var (sizes, live): ([Int: Int], [Int: Int]) = ([:], [:])
        var recordFiles: Set<Int> = []
        for page in rendered.values {
            if let record = page.storedRecord { recordFiles.insert(record.file) }
            guard let location = page.text.location else { continue }
            sizes[location.segment.number] = location.segment.size
            live[location.segment.number, default: 0] += location.length
        }
        let retired = Self.retired(sizes: sizes, live: live, recordFiles: recordFiles)
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).compactMap(PageSegment.number(inFileName:))
        let number = ((existing + sizes.keys).max() ?? 0) + 1
        guard let pending = PendingPages(number: number, in: folder, expecting: rendered.count) else { return nil }
        // The pages kept where they are, in any order; those written, sorted by path (the files'
        // bytes do not depend on the dictionary's order). An edit sorts one page, not 10,000.
        var toWrite: [(page: RenderedPage, keepingText: Bool)] = []
        for page in rendered.values {
            let text = page.text.location.flatMap { retired.contains($0.segment.number) ? nil : $0 }
            if let record = page.storedRecord, !retired.contains(record.file), let text {
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

    private static func signature(_ reader: inout BinaryReader) throws -> FileSignature {
        FileSignature(size: try reader.int(), modified: try reader.int(), inode: try reader.int())
    }

    private static func write(_ signature: FileSignature, _ writer: inout BinaryWriter) {
        writer.int(signature.size)
        writer.int(signature.modified)
        writer.int(signature.inode)
    }
}
