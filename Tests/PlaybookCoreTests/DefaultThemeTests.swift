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

    func testExamplePlaybookBuildsWithoutWarnings() throws {
        let result = SiteBuild(options: BuildOptions(root: repositoryRoot())).plan()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertGreaterThan(result.pageCount, 10)
    }
}
