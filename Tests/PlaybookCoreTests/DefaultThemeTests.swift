import XCTest

@testable import PlaybookCore

final class DefaultThemeTests: XCTestCase {
    /// The built-in copy must match `themes/default/`; run `scripts/embed-default-theme.sh` after editing it.
    func testBuiltInThemeMatchesThemesFolder() throws {
        let folder = repositoryRoot().appendingPathComponent("themes/default")
        let onDisk = snapshot(of: folder).mapValues { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(onDisk.keys.sorted(), DefaultTheme.files.keys.sorted())
        for (path, text) in onDisk {
            XCTAssertEqual(DefaultTheme.files[path], text, "\(path) differs: run scripts/embed-default-theme.sh")
        }
    }

    func testBuiltInThemeNeedsNoCycleWalk() {
        // Its sidebar includes itself, inside a section: the text scan rules that out, so no build
        // pays for walking the parsed templates.
        var sources: [String: String] = [:]
        for (path, text) in DefaultTheme.files where path.hasPrefix("templates/") && path.hasSuffix(".mustache") {
            sources[String(path.dropFirst("templates/".count).dropLast(".mustache".count))] = text
        }
        XCTAssertGreaterThan(sources.count, 10)
        XCTAssertFalse(PartialCycles.mayHaveCycles(sources))
    }

    func testExamplePlaybookBuildsWithoutWarnings() throws {
        let result = SiteBuild(options: BuildOptions(root: repositoryRoot())).plan()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertGreaterThan(result.pageCount, 10)
        let html = result.files.filter { $0.path.hasSuffix(".html") }.map { String(decoding: $0.data, as: UTF8.self) }.joined()
        for kind in ["pb-kpi", "pb-checklist", "pb-risks", "pb-priorities", "pb-cadence", "pb-script", "pb-phrases"] {
            XCTAssertTrue(html.contains("class=\"pb-block \(kind)\""), "the example playbook shows a \(kind) block")
        }
        XCTAssertTrue(result.files.contains { $0.path == "influence/communication-cadence.ics" })
    }
}
