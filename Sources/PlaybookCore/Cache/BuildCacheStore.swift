import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads and writes the cache folder. All I/O of the cache is here.
struct BuildCacheStore {
    let folder: URL

    var manifestURL: URL { folder.appendingPathComponent("manifest.bin") }
    var pagesURL: URL { folder.appendingPathComponent("pages.bin") }

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
            return cache
        } catch {
            return nil
        }
    }

    func loadPages(into cache: inout BuildCache) -> Bool {
        guard let data = FileReading.contents(of: pagesURL.path) else { return false }
        var reader = BinaryReader(data)
        do {
            guard try reader.string() == BuildCache.formatVersion else { return false }
            for page in try reader.array({ try $0.rendered() }) { cache.rendered[page.source.path] = page }
            return true
        } catch {
            return false
        }
    }

    /// Writes both files (each atomically); a failure only costs the next build its shortcut.
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

        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // pages.bin first: a manifest must never describe pages that are not on disk.
        let pending = cache.pendingPages ?? Self.writePages(cache.rendered, in: folder)
        guard let pending, pending.publish(as: pagesURL.path) else {
            clear()
            return
        }
        Self.replace(manifestURL, with: manifest.bytes)
    }

    /// Streams pages.bin into a file that is named only when the build succeeds, a page at a time, so
    /// the cache never needs a second copy of the site in memory. A build may do this early, on another thread.
    static func writePages(_ rendered: [String: RenderedPage], in folder: URL) -> PendingFile? {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let file = PendingFile(in: folder.path, name: "pages.bin") else { return nil }
        var buffer = BinaryWriter()
        buffer.string(BuildCache.formatVersion)
        buffer.int(rendered.count)
        func flush() -> Bool {
            let ok = buffer.bytes.withUnsafeBytes { file.write($0) }
            buffer = BinaryWriter()
            return ok
        }
        for page in rendered.values.sorted(by: { $0.source.path < $1.source.path }) {
            buffer.rendered(page)
            if buffer.bytes.count > 1 << 20, !flush() { return nil }
        }
        return flush() ? file : nil
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
