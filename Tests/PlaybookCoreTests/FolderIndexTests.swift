import Foundation
import XCTest

@testable import PlaybookCore

/// `README.md` and `index.md` are a folder's index page, like `_index.md`.
final class FolderIndexTests: XCTestCase {
    func testReadmeIsTheFolderIndexAndNamesTheSection() throws {
        let site = try TempSite([
            "content/index.md": "# Home\n\nSee [the Git guide](git/README.md#merging).\n",
            "content/git/README.md": "# Git, the guide\n\n## Merging\n\nText.\n",
            "content/git/rebase.md": "# Rebase\n",
            "content/ios/index.md": "---\ntitle: iOS handbook\n---\nIntro.\n",
        ])
        let result = site.build()
        XCTAssertEqual(result.diagnostics, [])
        let files = snapshot(of: site.output)
        XCTAssertNotNil(files["git/index.html"])
        XCTAssertNil(files["git/readme.html"], "the README is the folder's index, not also a page")
        XCTAssertTrue(site.read("public/index.html")?.contains("href=\"git/index.html#merging\"") ?? false)
        let nav = site.read("public/git/rebase.html") ?? ""
        XCTAssertTrue(nav.contains("Git, the guide"), "the section is named by its README's heading")
        XCTAssertTrue(nav.contains("iOS handbook"), "and by an index page's front matter, not the folder name")
        XCTAssertFalse(nav.contains(">Ios<"))
    }

    func testRootRelativeLinksBecomeRelativeOrWarn() throws {
        let site = try TempSite([
            "content/index.md": "# Home\n", "content/git/README.md": "# Git\n\n## Merging\n",
            "content/a/p.md": "# P\n\n[g](/git/README.md#merging) [d](/git/) [n](/nothing/)\n",
        ])
        let result = site.build()
        XCTAssertTrue(result.succeeded)
        let html = site.read("public/a/p.html") ?? ""
        XCTAssertTrue(html.contains("href=\"../git/index.html#merging\""), html)
        XCTAssertTrue(html.contains("href=\"../git/index.html\""), html)
        XCTAssertEqual(
            result.diagnostics.map(\.description), ["content/a/p.md:3: warning: link to missing file '/nothing/' (looked for content/nothing)"])
    }

    func testTwoIndexPagesInOneFolderAreAnError() throws {
        let site = try TempSite(["content/index.md": "# Home\n", "content/git/README.md": "# A\n", "content/git/index.md": "# B\n"])
        let result = site.build()
        XCTAssertFalse(result.succeeded)
        XCTAssertTrue(
            result.diagnostics.contains { $0.message.contains("content/git/README.md") && $0.message.contains("content/git/index.md") },
            "\(result.diagnostics.map(\.description))")
    }
}
