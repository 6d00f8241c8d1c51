import XCTest

@testable import PlaybookCore

/// Incremental builds must produce exactly what a clean build produces.
final class IncrementalBuildTests: XCTestCase {
    func makeSite() throws -> TempSite {
        var files: [String: String] = [
            "content/_index.md": "# Home\n\nWelcome.\n",
            "content/guide/_index.md": "---\ntitle: Guide\n---\nIntro.\n",
            "playbook.yml": "title: Incremental\n",
        ]
        for index in 0..<12 {
            files["content/guide/p\(index).md"] =
                "---\ntitle: Page \(index)\nweight: \(index)\ntags: [t\(index % 3)]\n---\n## Part\n\nText \(index) with [next](p\((index + 1) % 12).md).\n\n- [ ] task \(index)\n"
        }
        return try TempSite(files)
    }

    func cachedBuild(_ site: TempSite) -> BuildResult {
        var options = BuildOptions(root: site.root)
        options.useCache = true
        options.buildDate = Day("2026-11-30")!
        return SiteBuild(options: options).run()
    }

    /// A clean build of the same site into another folder, compared file by file with `public/`.
    func assertMatchesCleanBuild(_ site: TempSite, file: StaticString = #filePath, line: UInt = #line) {
        let clean = site.root.appendingPathComponent("clean")
        var options = BuildOptions(root: site.root, output: clean)
        options.buildDate = Day("2026-11-30")!
        XCTAssertTrue(SiteBuild(options: options).run().succeeded, file: file, line: line)
        let expected = snapshot(of: clean)
        let actual = snapshot(of: site.output)
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), file: file, line: line)
        for (path, data) in expected where actual[path] != data {
            XCTFail("\(path) differs from a clean build", file: file, line: line)
        }
        try? FileManager.default.removeItem(at: clean)
    }

    func testTheCacheKeptInMemoryGivesWhatTheDiskCacheGives() throws {
        let site = try makeSite()
        // A split search index, so that its shards and chunks are continued and linked too.
        try site.write("playbook.yml", "title: Incremental\nsearch_shards: true\n")
        var options = BuildOptions(root: site.root)
        options.useCache = true
        options.buildDate = Day("2026-11-30")!
        options.memory = BuildMemory()
        let store = BuildCacheStore(folder: options.cacheFolder)
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        XCTAssertNotNil(options.memory?.cache(store: store), "kept after a good build")
        let edits = [
            ("content/guide/p3.md", "---\ntitle: Page 3\nweight: 3\ntags: [t0]\n---\n## Part\n\nNew text.\n"),
            ("content/guide/p5.md", "---\ntitle: Page Five\nweight: 5\n---\nRenamed.\n"),
            ("content/guide/new.md", "# New\n\nA new page linking [p3](p3.md).\n"),
        ]
        for (path, text) in edits {
            try site.write(path, text)
            let result = SiteBuild(options: options).run()
            XCTAssertTrue(result.succeeded)
            XCTAssertFalse(result.upToDate)
            assertMatchesCleanBuild(site)
        }
        XCTAssertTrue(SiteBuild(options: options).run().upToDate)
        // Another process writes the cache: the kept copy is not used any more.
        XCTAssertTrue(cachedBuild(site).succeeded)
        try site.write("content/guide/p3.md", "---\ntitle: Page 3\n---\nOnce more.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertNil(options.memory?.cache(store: store), "the manifest on disk is not the one kept")
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        assertMatchesCleanBuild(site)
    }

    func testNoOpRebuildWritesNothing() throws {
        let site = try makeSite()
        XCTAssertFalse(cachedBuild(site).upToDate)
        let before = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("guide/p3.html").path)
        let second = cachedBuild(site)
        XCTAssertTrue(second.upToDate)
        XCTAssertEqual(second.pageCount, cachedBuild(site).pageCount)
        let after = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("guide/p3.html").path)
        XCTAssertEqual(before[.modificationDate] as? Date, after[.modificationDate] as? Date)
    }

    func testEditingBodyRerendersOnlyThatPageAndMatchesCleanBuild() throws {
        let site = try makeSite()
        cachedBuild(site)
        let untouched = site.output.appendingPathComponent("guide/p7.html").path
        let inode = (try FileManager.default.attributesOfItem(atPath: untouched))[.systemFileNumber] as? Int
        try site.write("content/guide/p3.md", "---\ntitle: Page 3\nweight: 3\ntags: [t0]\n---\n## Part\n\nNew text.\n")
        let result = cachedBuild(site)
        XCTAssertFalse(result.upToDate)
        XCTAssertTrue(site.read("public/guide/p3.html")?.contains("New text.") ?? false)
        let newInode = (try FileManager.default.attributesOfItem(atPath: untouched))[.systemFileNumber] as? Int
        XCTAssertEqual(inode, newInode, "an unchanged page is reused (hard link), not rendered again")
        assertMatchesCleanBuild(site)
    }

    func testTitleChangeUpdatesNavigationEverywhere() throws {
        let site = try makeSite()
        cachedBuild(site)
        try site.write("content/guide/p5.md", "---\ntitle: Renamed page\nweight: 5\n---\nBody.\n")
        cachedBuild(site)
        XCTAssertTrue(site.read("public/guide/p0.html")?.contains("Renamed page") ?? false)
        assertMatchesCleanBuild(site)
    }

    func testAddingAndRemovingPagesAndThemeEditsMatchCleanBuild() throws {
        let site = try makeSite()
        cachedBuild(site)
        try site.write("content/guide/new.md", "# Brand new\n\nLinks to [p1](p1.md).\n")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/guide/p11.md"))
        try site.write("content/guide/p10.md", "---\ntitle: Page 10\n---\nNo more link.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
        try site.write("layouts/page.mustache", "{{<base}}{{$content}}<h1>{{page.title}}</h1>{{{page.content}}}<p>custom</p>{{/content}}{{/base}}")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertTrue(site.read("public/guide/p1.html")?.contains("<p>custom</p>") ?? false)
        assertMatchesCleanBuild(site)
    }

    func testHandEditedOutputIsRebuilt() throws {
        let site = try makeSite()
        cachedBuild(site)
        try site.write("public/guide/p2.html", "tampered")
        let result = cachedBuild(site)
        XCTAssertFalse(result.upToDate)
        XCTAssertNotEqual(site.read("public/guide/p2.html"), "tampered")
        assertMatchesCleanBuild(site)
    }

    func testFailedIncrementalBuildKeepsOutputAndRecovers() throws {
        let site = try makeSite()
        cachedBuild(site)
        let before = snapshot(of: site.output)
        try site.write("content/guide/p4.md", "---\ntitle: [broken\n---\n")
        XCTAssertFalse(cachedBuild(site).succeeded)
        XCTAssertEqual(snapshot(of: site.output), before)
        try site.write("content/guide/p4.md", "---\ntitle: Fixed\n---\nOk.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
    }

    func testWarningsAreReportedAgainOnANoOpBuild() throws {
        let site = try makeSite()
        try site.write("content/guide/p1.md", "# One\n\n![missing](nope.png)\n")
        let first = cachedBuild(site)
        let second = cachedBuild(site)
        XCTAssertTrue(second.upToDate)
        XCTAssertEqual(first.diagnostics.map(\.description), second.diagnostics.map(\.description))
        XCTAssertEqual(second.diagnostics.count, 1)
        // An edit of another page: the unchanged page's warning is replayed from the cache, in order.
        try site.write("content/guide/p5.md", "# Five\n\n![gone](gone.png)\n")
        let third = cachedBuild(site)
        XCTAssertFalse(third.upToDate)
        XCTAssertEqual(third.diagnostics.map(\.location.path), ["content/guide/p1.md", "content/guide/p5.md"])
        XCTAssertEqual(third.diagnostics.first?.description, first.diagnostics.first?.description)
    }

    func testCorruptCacheIsIgnored() throws {
        let site = try makeSite()
        cachedBuild(site)
        try site.write(".playbook-cache/manifest.bin", "garbage")
        try site.write(".playbook-cache/pages-1.bin", "garbage")
        try site.write(".playbook-cache/texts-1.bin", "garbage")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
    }

    func cacheFiles(_ site: TempSite) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".playbook-cache").path)) ?? []).sorted()
    }

    func testAnEditWritesOnlyItsTextsAndOldTextFilesAreCompacted() throws {
        let site = try makeSite()
        try site.write("playbook.yml", "title: Incremental\nsearch_shards: true\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertEqual(cacheFiles(site).filter { $0.hasPrefix("texts-") || $0.hasPrefix("pages-") }, ["pages-1.bin", "texts-1.bin"])
        let first = try XCTUnwrap(
            FileManager.default.attributesOfItem(atPath: site.root.appendingPathComponent(".playbook-cache/texts-1.bin").path)[.size] as? Int)
        try site.write("content/guide/p3.md", "---\ntitle: Page 3\nweight: 3\ntags: [t0]\n---\n## Part\n\nNew text.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
        // The unchanged pages stay where they were; the edited page goes in small new files.
        let texts = cacheFiles(site).filter { $0.hasPrefix("texts-") || $0.hasPrefix("pages-") }
        XCTAssertEqual(texts, ["pages-1.bin", "pages-2.bin", "texts-1.bin", "texts-2.bin"])
        let firstPages = try XCTUnwrap(
            FileManager.default.attributesOfItem(atPath: site.root.appendingPathComponent(".playbook-cache/pages-1.bin").path)[.size] as? Int)
        let secondPages = try XCTUnwrap(
            FileManager.default.attributesOfItem(atPath: site.root.appendingPathComponent(".playbook-cache/pages-2.bin").path)[.size] as? Int)
        XCTAssertLessThan(secondPages * 4, firstPages)
        let second = try XCTUnwrap(
            FileManager.default.attributesOfItem(atPath: site.root.appendingPathComponent(".playbook-cache/texts-2.bin").path)[.size] as? Int)
        XCTAssertLessThan(second * 4, first)
        // Many edits: the files that hold mostly replaced texts are written again as one, and removed.
        for round in 0..<12 {
            try site.write("content/guide/p\(round % 12).md", "---\ntitle: Page \(round % 12)\nweight: \(round % 12)\n---\nRound \(round).\n")
            XCTAssertTrue(cachedBuild(site).succeeded)
            XCTAssertLessThanOrEqual(cacheFiles(site).filter { $0.hasPrefix("texts-") }.count, 8, "round \(round)")
            XCTAssertEqual(
                cacheFiles(site).filter { $0.hasPrefix("texts-") }.count, cacheFiles(site).filter { $0.hasPrefix("pages-") }.count, "round \(round)")
        }
        assertMatchesCleanBuild(site)
        XCTAssertTrue(cachedBuild(site).upToDate)
        XCTAssertFalse(cacheFiles(site).contains { $0.hasSuffix(".tmp") })
    }

    func testEditsOfManyPagesMergeTheSmallFilesAndKeepTheLargeOne() throws {
        let site = try makeSite()
        for index in 12..<40 { try site.write("content/more/p\(index).md", "# More \(index)\n\nSome text for page \(index).\n") }
        XCTAssertTrue(cachedBuild(site).succeeded)
        for round in 0..<8 {
            try site.write("content/guide/p\(round).md", "---\ntitle: Page \(round)\nweight: \(round)\n---\nEdited \(round).\n")
            XCTAssertTrue(cachedBuild(site).succeeded)
            XCTAssertTrue(cacheFiles(site).contains("texts-1.bin"), "round \(round): the large file stays")
        }
        // Eight files after seven edits of different pages: the eighth build wrote the pages of the
        // seven small ones again, with its own, into one new pair, and kept the first build's.
        XCTAssertEqual(
            cacheFiles(site).filter { $0.hasPrefix("texts-") || $0.hasPrefix("pages-") },
            ["pages-1.bin", "pages-9.bin", "texts-1.bin", "texts-9.bin"])
        assertMatchesCleanBuild(site)
        XCTAssertTrue(cachedBuild(site).upToDate)
    }

    func testTheCacheFilesRewrittenAreTheSmallOnesOrAll() {
        let retired = BuildCacheStore.retired
        // Few files, mostly live: nothing.
        XCTAssertEqual(retired([1: 1000, 2: 10], [1: 900, 2: 10], [1, 2]), [])
        // Eight files: all but the largest live one (and its record file).
        let eight = Dictionary(uniqueKeysWithValues: (1...8).map { ($0, $0 == 1 ? 10_000 : 10) })
        XCTAssertEqual(retired(eight, eight.mapValues { $0 == 10_000 ? 9_000 : 10 }, Set(1...8)), Set(2...8))
        XCTAssertEqual(retired([1: 10_000, 2: 10], [1: 9_000, 2: 10], Set(1...8)), Set(2...8), "eight record files")
        // The largest is mostly stale too: everything.
        XCTAssertEqual(retired(eight, eight.mapValues { $0 == 10_000 ? 4_000 : 10 }, Set(1...8)), Set(1...8))
        // Much stale text in a small file beside a live large one: the small one.
        XCTAssertEqual(retired([1: 10_000_000, 2: 20_000_000], [1: 9_000_000, 2: 1], [1, 2]), [2])
    }

    func testAMissingOrForeignCacheFileMeansAFullBuild() throws {
        let site = try makeSite()
        try site.write("playbook.yml", "title: Incremental\nsearch_shards: true\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        let folder = site.root.appendingPathComponent(".playbook-cache")
        // A text file gone: the pages cannot be read, so every page is rendered again.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("texts-1.bin"))
        try site.write("content/guide/p3.md", "---\ntitle: Page 3\n---\nOne.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
        // A page file that does not hold what the manifest says: every page is rendered again.
        let pageFile = try XCTUnwrap(cacheFiles(site).first { $0.hasPrefix("pages-") })
        try site.write(".playbook-cache/" + pageFile, "garbage")
        try site.write("content/guide/p6.md", "---\ntitle: Page 6\n---\nSix.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
        // search.bin of another build (an older copy) is not used with this manifest.
        let search = try Data(contentsOf: folder.appendingPathComponent("search.bin"))
        try site.write("content/guide/p4.md", "---\ntitle: Page 4\n---\nTwo.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        try search.write(to: folder.appendingPathComponent("search.bin"))
        try site.write("content/guide/p4.md", "---\ntitle: Page 4\n---\nThree.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
        // A corrupt search.bin only costs its words.
        try site.write(".playbook-cache/search.bin", "garbage")
        try site.write("content/guide/p5.md", "---\ntitle: Page 5\n---\nFour.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
    }

    func testTheSearchWordsKeptOnDiskAreTheSameAsNewOnes() throws {
        let site = try makeSite()
        try site.write("playbook.yml", "title: Incremental\nsearch_shards: true\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        let store = BuildCacheStore(folder: site.root.appendingPathComponent(".playbook-cache"))
        try site.write("content/guide/p3.md", "---\ntitle: Page 3\n---\n## Other\n\nUnique zebra words.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
        let manifest = try XCTUnwrap(store.loadManifest())
        let kept = try XCTUnwrap(store.loadSearch(for: manifest), "search.bin belongs to the manifest")
        XCTAssertNotNil(kept.numbers["zebra"])
        let index = try XCTUnwrap(kept.paths.firstIndex(of: "guide/p3.html"))
        XCTAssertEqual(kept.postings[kept.numbers["zebra"]!].pages, [index, 2])
        XCTAssertTrue(kept.postings[kept.numbers["part"]!].pages.allSatisfy { _ in true })
        XCTAssertFalse(
            stride(from: 0, to: kept.postings[kept.numbers["part"]!].pages.count, by: 2).contains {
                kept.postings[kept.numbers["part"]!].pages[$0] == index
            }, "the old words of the page are gone")
    }

    func testAFewChangedFilesAreMovedIntoTheOutputAndGoneOnesRemoved() throws {
        let site = try makeSite()
        try site.write("playbook.yml", "title: Incremental\nsearch_shards: true\n")
        try site.write("content/guide/p3.md", "---\ntitle: Page 3\nweight: 3\ntags: [t0]\n---\n## Part\n\nA zebra here.\n")
        // Enough pages that an edit changes only a few of the files (a small site is swapped whole).
        for index in 0..<80 { try site.write("content/more/m\(index).md", "# More \(index)\n\nFiller text \(index).\n") }
        XCTAssertTrue(cachedBuild(site).succeeded)
        let shard = site.output.appendingPathComponent("search-index/t7a65.js").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: shard), "the shard of words starting with ze")
        let folder = try FileManager.default.attributesOfItem(atPath: site.output.path)[.systemFileNumber] as? Int
        // The word goes: its shard is removed from the output folder, which itself stays (no swap).
        try site.write("content/guide/p3.md", "---\ntitle: Page 3\nweight: 3\ntags: [t0]\n---\n## Part\n\nNo stripes.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertFalse(FileManager.default.fileExists(atPath: shard))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: site.output.path)[.systemFileNumber] as? Int, folder)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".public.staging").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".public.committing").path))
        assertMatchesCleanBuild(site)
        XCTAssertTrue(cachedBuild(site).upToDate, "the recorded output is the output")
    }

    func testABuildKilledWhileMovingFilesLeadsToAWholeReplacement() throws {
        let site = try makeSite()
        XCTAssertTrue(cachedBuild(site).succeeded)
        // What a build killed in the middle of moving its files leaves: the marker and a mixed folder.
        try site.write(".public.committing", "")
        try site.write("public/guide/stray.html", "left over")
        let untouched = site.output.appendingPathComponent("guide/p7.html").path
        let inode = try FileManager.default.attributesOfItem(atPath: untouched)[.systemFileNumber] as? Int
        try site.write("content/guide/p3.md", "---\ntitle: Page 3\nweight: 3\ntags: [t0]\n---\n## Part\n\nAfter the crash.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertNil(site.read("public/guide/stray.html"))
        XCTAssertNotEqual(try FileManager.default.attributesOfItem(atPath: untouched)[.systemFileNumber] as? Int, inode, "nothing is taken over")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".public.committing").path))
        assertMatchesCleanBuild(site)
    }

    func testFrontMatterKeysOfCachedPagesReachTheTemplatesWhenTheyAreTemplatedAgain() throws {
        let site = try makeSite()
        try site.write("layouts/page.mustache", "<p>{{page.title}}: {{page.params.owner}} {{#page.params.steps}}[{{name}}]{{/page.params.steps}}</p>")
        try site.write(
            "content/guide/p2.md", "---\ntitle: Page 2\nweight: 2\nowner: Ana\nsteps:\n  - name: one\n  - name: two\n---\nText.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        // A new title: every page's navigation changes, so every page (p2 from the cache) is templated again.
        try site.write("content/guide/p5.md", "---\ntitle: Renamed five\nweight: 5\n---\nText.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertTrue(site.read("public/guide/p2.html")?.contains("Page 2: Ana [one][two]") ?? false, site.read("public/guide/p2.html") ?? "")
        assertMatchesCleanBuild(site)
        // Taken from the cache again, never decoded, and written back: still there the time after.
        try site.write("content/guide/p6.md", "---\ntitle: Page 6\nweight: 6\n---\nMore.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        try site.write("content/guide/p5.md", "---\ntitle: Five again\nweight: 5\n---\nText.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertTrue(site.read("public/guide/p2.html")?.contains("Page 2: Ana [one][two]") ?? false)
        assertMatchesCleanBuild(site)
    }
}

final class SharedPartsTests: XCTestCase {
    /// Which threads did parts, and how many.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var calls = 0
        private var threads: Set<String> = []
        func count() { lock.withLock { (calls, threads) = (calls + 1, threads.union([Thread.isMainThread ? "main" : "other"])) } }
        var result: (calls: Int, threads: Set<String>) { lock.withLock { (calls, threads) } }
    }

    func testEveryPartIsDoneOnceAndTheWaitingThreadHelps() {
        let shared = SharedParts<Int>()
        let tally = Tally()
        DispatchQueue.global().async {
            shared.start(count: 40) { part in
                tally.count()
                Thread.sleep(forTimeInterval: 0.002)
                return part * part
            }
            _ = shared.take()
        }
        XCTAssertEqual(shared.take(), (0..<40).map { $0 * $0 })
        XCTAssertEqual(tally.result.calls, 40)
        XCTAssertTrue(tally.result.threads.contains("main"), "the waiting thread took parts too")
    }

    func testNoWorkGivesNil() {
        let shared = SharedParts<Int>()
        DispatchQueue.global().async { shared.start(count: 3, nil) }
        XCTAssertNil(shared.take())
    }

    func testTheRoutesDigestIgnoresOrderButNotAMove() {
        let routes = Dictionary(uniqueKeysWithValues: (0..<500).map { ("content/p\($0).md", "p\($0).html") })
        var shuffled: [String: String] = [:]
        for (key, value) in routes.shuffled() { shuffled[key] = value }
        XCTAssertEqual(BuildHashes.unordered(routes), BuildHashes.unordered(shuffled))
        var moved = routes
        moved["content/p7.md"] = "other/p7.html"
        XCTAssertNotEqual(BuildHashes.unordered(moved), BuildHashes.unordered(routes))
        var swapped = routes
        (swapped["content/p1.md"], swapped["content/p2.md"]) = (routes["content/p2.md"], routes["content/p1.md"])
        XCTAssertNotEqual(BuildHashes.unordered(swapped), BuildHashes.unordered(routes), "two pages that swap places")
        var added = routes
        added["content/new.md"] = "new.html"
        XCTAssertNotEqual(BuildHashes.unordered(added), BuildHashes.unordered(routes))
        XCTAssertNotEqual(BuildHashes.unordered(["a": "b"]), BuildHashes.unordered(["b": "a"]))
    }

}

extension IncrementalBuildTests {
    /// After an edit the export is made from the copies of the pages the cache kept and the one page
    /// rendered again, and is the same file a clean build writes: after a text edit, a heading another
    /// page links to that changes, an image that changes and a page added before the others.
    func testTheExportAfterAnEditTakesTheKeptCopiesAndEqualsACleanOne() throws {
        let site = try TempSite([
            "playbook.yml": "title: Export\n",
            "content/_index.md": "# Home\n",
            "content/a.md": "# A\n\nSee [b](b.md#old-heading) and ![x](img/x.svg).\n",
            "content/b.md": "# B\n\n## Old heading\n\nText.\n",
            "content/c.md": "# C\n\nFirst text.\n\n```sql\nSELECT 1;\n```\n",
            "content/img/x.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ])
        XCTAssertTrue(cachedBuild(site).succeeded)
        let kept = site.root.appendingPathComponent(".playbook-cache/" + ExportPieceCache.fileName).path
        XCTAssertEqual(KeyedBlobs(path: kept)?.count, 5, "one copy a page, and the template's text around them")
        try site.write("content/c.md", "# C\n\nSecond text.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertTrue(site.read("public/playbook.html")?.contains("Second text.") ?? false)
        assertMatchesCleanBuild(site)
        try site.write("content/b.md", "# B\n\n## New heading\n\nText.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertTrue(site.read("public/playbook.html")?.contains("href=\"#p2\"") ?? false, "a's link to a heading that is gone")
        assertMatchesCleanBuild(site)
        try site.write("content/img/x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
        try site.write("content/0-first.md", "---\nweight: -1\n---\n# First\n\nSee [c](c.md).\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        assertMatchesCleanBuild(site)
        // The dashboard at the top of the export follows its items.
        for box in ["[ ]", "[x]"] {
            try site.write("content/c.md", "# C\n\nSecond text.\n\n- \(box) Ship it\n")
            XCTAssertTrue(cachedBuild(site).succeeded)
            assertMatchesCleanBuild(site)
        }
        try site.write("content/c.md", "# C\n\nSecond text.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)

        // A build that renders no copy again leaves the file as it is.
        let before = try FileManager.default.attributesOfItem(atPath: kept)[.systemFileNumber] as? Int
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("playbook.html"))
        XCTAssertFalse(cachedBuild(site).upToDate)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: kept)[.systemFileNumber] as? Int, before, "export.bin kept")
        assertMatchesCleanBuild(site)

        // The copies and the text around them are read from the cache: altered there, they show in
        // the next export.
        let file = try XCTUnwrap(KeyedBlobs(path: kept))
        let altered = (0..<file.count).map { index -> (key: UInt64, entry: KeyedBlobs.Entry) in
            if var skeleton = ExportBuilder.Skeleton(file.bytes(at: index)), skeleton.fits(file.count) {
                skeleton.pieces[0] = "<!-- kept text -->" + skeleton.pieces[0]
                return (file.key(at: index), .bytes(skeleton.encoded))
            }
            return (file.key(at: index), .text("<p>kept copy \(index)</p>"))
        }
        let folder = site.root.appendingPathComponent(".playbook-cache")
        XCTAssertTrue(KeyedBlobs.write(header: ExportPieceCache.formatVersion, entries: altered, in: folder, name: ExportPieceCache.fileName))
        try site.write("content/c.md", "# C\n\nThird text.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        let export = try XCTUnwrap(site.read("public/playbook.html"))
        XCTAssertEqual(export.components(separatedBy: "<p>kept copy ").count - 1, file.count - 2, "every page but the edited one")
        XCTAssertTrue(export.hasPrefix("<!-- kept text -->"))
        XCTAssertTrue(export.contains("Third text."))
    }

    /// A fragment that names a heading's id in other case (as links written for GitHub do) lands on
    /// the heading, in the site and the export, without a warning; clean and incremental builds agree.
    func testFragmentsInOtherCaseAreRewrittenToTheHeadingsID() throws {
        let site = try TempSite([
            "playbook.yml": "title: Case\n",
            "content/_index.md": "# Home\n",
            "content/a.md": "# A\n\nSee [budget](b.md#Travel-Budget), [here](#Local-Heading) and [gone](b.md#Nope).\n\n## Local heading\n",
            "content/b.md": "# B\n\n## Travel budget\n\nText.\n",
        ])
        let result = cachedBuild(site)
        XCTAssertEqual(
            result.diagnostics.map(\.description), ["content/a.md:3: warning: link 'b.md#Nope' points at a heading '#Nope' that does not exist"])
        let page = try XCTUnwrap(site.read("public/a.html"))
        XCTAssertTrue(page.contains("href=\"b.html#travel-budget\"") && page.contains("href=\"#local-heading\""), page)
        XCTAssertTrue(page.contains("href=\"b.html#Nope\""), "a link to nothing keeps what was written")
        let export = try XCTUnwrap(site.read("public/playbook.html"))
        XCTAssertTrue(export.contains("href=\"#p3-travel-budget\"") && export.contains("href=\"#p2-local-heading\""))
        try site.write("content/b.md", "# B\n\n## Travel budget\n\nOther text.\n")
        XCTAssertEqual(cachedBuild(site).diagnostics.count, 1)
        XCTAssertTrue(site.read("public/a.html")?.contains("href=\"b.html#travel-budget\"") ?? false, "a cached page is rewritten again")
        assertMatchesCleanBuild(site)
        try site.write("content/b.md", "# B\n\n## Travel plans\n")
        XCTAssertEqual(cachedBuild(site).diagnostics.count, 2, "the heading is gone: the link is reported")
        assertMatchesCleanBuild(site)
    }

    /// Every page lists the pages that link to it (Markdown links and wikilinks, each once, in reading
    /// order); an incremental build after a link is added or removed elsewhere equals a clean one.
    func testBacklinksFollowLinksAddedAndRemovedElsewhere() throws {
        let site = try makeSite()
        XCTAssertTrue(cachedBuild(site).succeeded)
        func linkedFrom(_ page: String) -> [String] {
            guard let html = site.read("public/guide/\(page).html"), let start = html.range(of: "<h2 id=\"pb-backlinks-title\">") else { return [] }
            let section = html[start.upperBound...].prefix { $0 != "§" }.components(separatedBy: "</section>")[0]
            return section.components(separatedBy: "<li><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        XCTAssertEqual(linkedFrom("p5"), ["p4.html"])
        try site.write("content/guide/p9.md", "---\ntitle: Page 9\nweight: 9\ntags: [t0]\n---\nSee [[p5]] and [five](p5.md) and [[p5#Part]].\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertEqual(linkedFrom("p5"), ["p4.html", "p9.html"], "each linking page once")
        assertMatchesCleanBuild(site)
        try site.write("content/guide/p4.md", "---\ntitle: Page 4\nweight: 4\ntags: [t1]\n---\nNo links now.\n")
        XCTAssertTrue(cachedBuild(site).succeeded)
        XCTAssertEqual(linkedFrom("p5"), ["p9.html"])
        assertMatchesCleanBuild(site)
    }

    /// The first pages templated look their backlinks up by going through the links, the others in a
    /// table made once: both give the same lists.
    func testBacklinksAreTheSameLookedUpEitherWay() throws {
        var files = ["playbook.yml": "title: Many\n", "content/_index.md": "# Home\n"]
        for index in 0..<40 {
            files["content/p\(index).md"] = "---\nweight: \(index)\n---\n# P\(index)\n\n[next](p\((index + 1) % 40).md) [[p0]] [[p0]]\n"
        }
        let site = try TempSite(files)
        XCTAssertTrue(site.build().succeeded)
        for index in 0..<40 {
            let html = try XCTUnwrap(site.read("public/p\(index).html"))
            let listed =
                html.components(separatedBy: "<h2 id=\"pb-backlinks-title\">").dropFirst().first?.components(separatedBy: "</section>")[0] ?? ""
            let expected = index == 0 ? (1..<40).map { "p\($0).html" } : ["p\(index - 1).html"]
            let found = listed.components(separatedBy: "<li><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            XCTAssertEqual(found, expected, "p\(index)")
        }
        XCTAssertGreaterThan(40, SiteIndex.backlinkScans)
    }

    /// The cache's keyed files: entries by key, read in place; a truncated or foreign file is none.
    func testKeyedBlobsKeepTheirEntriesAndRefuseDamagedFiles() throws {
        let site = try TempSite()
        let folder = site.root.appendingPathComponent("cache")
        let entries: [(key: UInt64, entry: KeyedBlobs.Entry)] = [(7, .text("seven")), (3, .text("")), (UInt64.max, .text("élan 😀"))]
        XCTAssertTrue(KeyedBlobs.write(header: "test-1", entries: entries, in: folder, name: "t.bin"))
        let path = folder.appendingPathComponent("t.bin").path
        let file = try XCTUnwrap(KeyedBlobs(path: path))
        XCTAssertEqual(file.header, "test-1")
        XCTAssertEqual([file.string(3), file.string(7), file.string(UInt64.max), file.string(4)], ["", "seven", "élan 😀", nil])
        // Rewritten from itself and new text, as the caches do.
        XCTAssertTrue(KeyedBlobs.write(header: "test-1", entries: [(7, .stored(file, 1)), (1, .text("one"))], in: folder, name: "t.bin"))
        XCTAssertEqual(file.string(3), "", "the mapped file is still the one that was opened")
        let again = try XCTUnwrap(KeyedBlobs(path: path))
        XCTAssertEqual([again.string(1), again.string(7), again.string(3)], ["one", "seven", nil])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for cut in [0, 4, 8, 20, bytes.count - 1] {
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
            XCTAssertNil(KeyedBlobs(path: path), "cut at \(cut)")
        }
        try Data("not a cache file at all, just text".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(KeyedBlobs(path: path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["t.bin"], "no temporary file left")
    }
}
