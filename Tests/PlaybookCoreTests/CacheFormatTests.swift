import Foundation
import XCTest

@testable import PlaybookCore

/// The build cache's records, written by `CacheEncoder` from the model's own `Codable`.
final class CacheFormatTests: XCTestCase {
    /// The dashboard fixture (every block kind) and the example playbook, built with the cache into a
    /// temporary folder, and their pages as the cache reads them back.
    func cachedSites() throws -> [BuildCache] {
        var caches: [BuildCache] = []
        let sites = [
            (fixturesFolder().appendingPathComponent("dashboard/site"), ["content", "data", "playbook.yml"]),
            (repositoryRoot(), ["content", "data", "playbook.yml"]),
        ]
        for (site, parts) in sites {
            let work = try TempSite()
            for part in parts { try FileManager.default.copyItem(at: site.appendingPathComponent(part), to: work.root.appendingPathComponent(part)) }
            var options = BuildOptions(root: work.root)
            options.useCache = true
            options.buildDate = Day("2026-01-28")!
            XCTAssertFalse(SiteBuild(options: options).run().diagnostics.hasErrors)
            let store = BuildCacheStore(folder: options.cacheFolder)
            var cache = try XCTUnwrap(store.loadManifest())
            XCTAssertTrue(store.loadPages(into: &cache))
            XCTAssertGreaterThan(cache.rendered.count, 5)
            caches.append(cache)
        }
        return caches
    }

    func cachedPages() throws -> [RenderedPage] {
        try cachedSites().flatMap { $0.rendered.values.sorted { $0.source.path < $1.source.path } }
    }

    /// The codec is generated from the cached types (`CacheCodecGenerator`); after a change to one of
    /// them, `UPDATE_GOLDENS=1` writes it again (and the cache's format names change with it).
    func testGeneratedCodecIsUpToDate() throws {
        var generator = CacheCodecGenerator()
        for cache in try cachedSites() {
            for path in cache.rendered.keys.sorted() { generator.visit(cache.rendered[path]!) }
            for path in cache.pages.keys.sorted() { generator.visit(cache.pages[path]!) }
            for path in cache.outputs.keys.sorted() { generator.visit(cache.outputs[path]!) }
        }
        generator.visit(Diagnostic.warning("content/a.md", line: 1, "a warning"))
        try Golden.assert(
            generator.source, matches: repositoryRoot().appendingPathComponent("Sources/PlaybookCore/Cache/CacheCoding.generated.swift"))
    }

    /// A record read back and written again gives the same bytes, and every field survives.
    func testRecordsReadBackAsWritten() throws {
        for page in try cachedPages() {
            let location = try XCTUnwrap(page.text.location)
            var writer = BinaryWriter()
            writer.textLocation = (location.segment.number, location.offset, location.length)
            writer.write(page)
            var reader = BinaryReader(bytes: writer.bytes)
            reader.textFile = { _ in location.segment }
            reader.blockItems = .standard
            let again = try reader.read(RenderedPage.self)
            XCTAssertTrue(reader.isAtEnd)
            XCTAssertEqual(again, page, page.source.path)
            XCTAssertEqual(again.source.frontMatter.params, page.source.frontMatter.params)
            XCTAssertEqual(again.html, page.html)
            var rewritten = BinaryWriter()
            rewritten.textLocation = writer.textLocation
            rewritten.write(again)
            XCTAssertEqual(rewritten.bytes, writer.bytes, page.source.path)
        }
    }

    func testTruncatedOrAlteredRecordsAreRefused() throws {
        let page = try XCTUnwrap(try cachedPages().first { !$0.blocks.isEmpty })
        let location = try XCTUnwrap(page.text.location)
        var writer = BinaryWriter()
        writer.textLocation = (location.segment.number, location.offset, location.length)
        writer.write(page)
        let bytes = writer.bytes
        for cut in [1, bytes.count / 3, bytes.count / 2, bytes.count - 1] {
            var reader = BinaryReader(bytes: Array(bytes[..<cut]))
            reader.textFile = { _ in location.segment }
            reader.blockItems = .standard
            XCTAssertThrowsError(try reader.read(RenderedPage.self), "cut at \(cut)")
        }
        // A text file that is not there: the record is refused.
        var reader = BinaryReader(bytes: bytes)
        XCTAssertThrowsError(try reader.read(RenderedPage.self))
        // An enum's raw value that is not one of its cases.
        var status = BinaryWriter()
        status.write(KPIStatus.met)
        var altered = status.bytes
        altered[altered.count - 1] = UInt8(ascii: "x")
        var statusReader = BinaryReader(bytes: altered)
        XCTAssertThrowsError(try statusReader.read(KPIStatus.self))
    }

    /// Every standard kind's items can be cached: a kind missing from `CacheCoding.generated.swift`
    /// would have its pages rendered again on every build. (Its example in the dashboard fixture
    /// lets the generator see it: add one, then `UPDATE_GOLDENS=1`.)
    func testEveryStandardItemTypeIsCached() {
        for (name, type) in BlockKinds.standardItemTypes { XCTAssertTrue(type is any CachedBlockItem.Type, name) }
        XCTAssertEqual(BlockKinds.standardItemTypes.count, 8)
    }

    /// A page's blocks are stored by kind; a kind the reader does not know, or one the cache has no
    /// coding for, makes the record unreadable (the page is then rendered again), never wrong.
    func testBlocksOfUnknownKindsAreRefused() throws {
        struct Glossary: BlockItem { var location: ItemLocation }
        let location = ItemLocation(page: "a.html", file: "content/a.md", line: 3, blockLine: 2, anchor: nil)
        var blocks = PageBlocks()
        blocks[ScriptEntry.self] = [ScriptEntry(location: location)]
        var writer = BinaryWriter()
        writer.write(blocks)
        var known = BinaryReader(bytes: writer.bytes)
        known.blockItems = .standard
        XCTAssertEqual(try known.read(PageBlocks.self), blocks)
        var unknown = BinaryReader(bytes: writer.bytes)
        unknown.blockItems = BlockItemCoding([:])
        XCTAssertThrowsError(try unknown.read(PageBlocks.self))

        blocks[Glossary.self] = [Glossary(location: location)]
        XCTAssertEqual(blocks[Glossary.self].count, 1)
        var uncached = BinaryWriter()
        uncached.write(blocks)
        var reader = BinaryReader(bytes: uncached.bytes)
        reader.blockItems = BlockItemCoding(BlockKinds.standardItemTypes.merging([String(reflecting: Glossary.self): Glossary.self]) { $1 })
        XCTAssertThrowsError(try reader.read(PageBlocks.self))
    }

    /// The cache's file formats change with the cached types (a cache of other types is not read).
    func testFormatNamesTheSchema() {
        XCTAssertTrue(PageSegment.formatVersion.hasSuffix(CacheSchema.digest))
        XCTAssertTrue(BuildCache.formatVersion.hasSuffix(CacheSchema.digest))
    }
}
