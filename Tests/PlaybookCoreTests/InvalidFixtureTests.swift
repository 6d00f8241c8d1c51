import Foundation
import XCTest

@testable import PlaybookCore

/// Broken sites kept as fixtures: `Fixtures/NAME/site` must fail with exactly the diagnostics in
/// `Fixtures/NAME/expected/diagnostics.txt`. A bug report is such a folder.
final class InvalidFixtureTests: XCTestCase {
    func assertDiagnostics(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = fixturesFolder().appendingPathComponent(name)
        var options = BuildOptions(root: fixture.appendingPathComponent("site"))
        options.buildDate = Day("2026-11-30")!
        let result = SiteBuild(options: options).plan()
        XCTAssertFalse(result.succeeded, "\(name) should fail", file: file, line: line)
        let text = result.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        try Golden.assert(text, matches: fixture.appendingPathComponent("expected/diagnostics.txt"), file: file, line: line)
    }

    func testInvalidYAML() throws { try assertDiagnostics("invalid-yaml") }
    func testPartialCycle() throws { try assertDiagnostics("partial-cycle") }
    func testCSVErrors() throws { try assertDiagnostics("csv-errors") }
    func testBrokenLinks() throws { try assertDiagnostics("broken-links") }
    func testUnclosedTemplateTag() throws { try assertDiagnostics("template-unclosed") }
}
