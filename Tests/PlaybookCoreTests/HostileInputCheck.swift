import Foundation
import XCTest

@testable import PlaybookCore

/// What a hostile or broken input must do to a build.
enum Expectation { case builds, fails }

extension XCTestCase {
    /// Builds a good site, adds `files`, builds again, and checks: the build finishes within seconds,
    /// succeeds or fails as expected with every diagnostic naming a file, leaves the previous output
    /// byte-identical on failure, writes nothing outside the output and the cache, and leaves no
    /// temporary file behind.
    @discardableResult
    func check(
        _ name: String, _ files: [String: Data], expect: Expectation, naming expectedPath: String? = nil,
        cache: Bool = false, prepare: ((TempSite) throws -> Void)? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws -> BuildResult {
        let site = try TempSite(["content/index.md": "# Home\n\nStart.\n", "content/keep.md": "# Keep\n"])
        XCTAssertTrue(site.build(cache: cache).succeeded, file: file, line: line)
        let before = snapshot(of: site.output)
        for (path, data) in files { try site.write(path, data: data) }
        try prepare?(site)
        let sourcesBefore = sourceFiles(of: site)
        let started = Date()
        let result = site.build(cache: cache)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertLessThan(seconds, 10, "\(name): took \(seconds) s", file: file, line: line)
        switch expect {
        case .builds:
            XCTAssertTrue(result.succeeded, "\(name): \(result.diagnostics)", file: file, line: line)
        case .fails:
            XCTAssertFalse(result.succeeded, "\(name) should fail", file: file, line: line)
            XCTAssertEqual(snapshot(of: site.output), before, "\(name): previous output must stay as it was", file: file, line: line)
        }
        for diagnostic in result.diagnostics {
            XCTAssertFalse(diagnostic.location.path.isEmpty, "\(name): \(diagnostic) names no file", file: file, line: line)
        }
        if let expectedPath {
            XCTAssertTrue(
                result.diagnostics.contains { $0.location.path == expectedPath },
                "\(name): expected a diagnostic for \(expectedPath), got \(result.diagnostics.map(\.description))", file: file, line: line)
        }
        XCTAssertEqual(
            sourceFiles(of: site), sourcesBefore, "\(name): nothing may be written outside the output and the cache", file: file, line: line)
        let leftovers = (FileManager.default.subpaths(atPath: site.root.path) ?? []).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "\(name): no temporary file may be left in the site folder", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".public.staging").path), file: file, line: line)
        return result
    }

    /// Every path in the site folder but the output and the cache.
    func sourceFiles(of site: TempSite) -> Set<String> {
        Set(FileManager.default.subpaths(atPath: site.root.path) ?? []).filter { !$0.hasPrefix("public") && !$0.hasPrefix(".playbook-cache") }
    }

    func text(_ string: String) -> Data { Data(string.utf8) }
}
