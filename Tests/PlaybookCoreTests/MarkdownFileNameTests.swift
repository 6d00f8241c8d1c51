import Foundation
import XCTest

@testable import PlaybookCore

/// `.md` in any case is a page: `readme.MD` and `NOTES.MD` are not skipped without a word.
final class MarkdownFileNameTests: XCTestCase {
    func testUpperCaseExtensionsArePagesAndLinksToThemResolve() throws {
        let result = try check(
            "upper-case .MD",
            [
                "content/guide/readme.MD": text("# Guide\n\nSee [the notes](../NOTES.MD).\n"),
                "content/NOTES.MD": text("# Notes\n\nBack to [the guide](guide/readme.MD) and [home](index.md).\n"),
                "content/Mixed.Md": text("# Mixed\n"),
            ], expect: .builds)
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let site = try TempSite([
            "content/index.md": "# Home\n", "content/guide/readme.MD": "# Guide\n\nSee [the notes](../NOTES.MD).\n", "content/NOTES.MD": "# Notes\n",
        ])
        XCTAssertTrue(site.build().succeeded)
        let guide = try XCTUnwrap(site.read("public/guide/index.html"))
        XCTAssertTrue(guide.contains("href=\"../notes.html\""), guide)
        XCTAssertNotNil(site.read("public/notes.html"))
    }

    func testTheNameTest() {
        for name in ["a.md", "a.MD", "README.Md", "x.mD", "dir/a.md"] { XCTAssertTrue(MarkdownFileName.matches(name), name) }
        for name in [".md", "md", "a.mdx", "a.markdown", "a.m", "amd", "a.md.bak", "a.nd"] { XCTAssertFalse(MarkdownFileName.matches(name), name) }
    }
}
