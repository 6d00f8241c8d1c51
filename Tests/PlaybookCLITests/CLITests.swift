import Foundation
import XCTest

@testable import PlaybookCLI

final class CLITests: XCTestCase {
    var site: URL!

    override func setUpWithError() throws {
        site = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content"), withIntermediateDirectories: true)
        try "# Home\n".write(to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: site)
    }

    func testBuildSucceedsWithExitZero() {
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--source", site.path]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/index.html").path))
    }

    func testBuildWithOutputFolder() {
        let out = site.appendingPathComponent("out").path
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--source", site.path, "--output", out]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/index.html"))
    }

    func testContentErrorExitsOne() throws {
        try "---\ntitle: [\n---\n".write(to: site.appendingPathComponent("content/bad.md"), atomically: true, encoding: .utf8)
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--source", site.path]), 1)
    }

    func testUsageErrorsExitTwo() {
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--no-such-flag"]), 2)
        XCTAssertEqual(PlaybookCommand.runMain(["frobnicate"]), 2)
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--base-url", "ftp://x"]), 2)
    }

    func testHelpAndVersionExitZero() {
        XCTAssertEqual(PlaybookCommand.runMain(["--help"]), 0)
        XCTAssertEqual(PlaybookCommand.runMain(["--version"]), 0)
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--help"]), 0)
    }

    func testHelpExplainsTheCommands() {
        let help = PlaybookCommand.helpMessage()
        XCTAssertTrue(help.contains("build"), help)
        XCTAssertTrue(help.contains("Exit codes"), help)
        let buildHelp = PlaybookCommand.helpMessage(for: Build.self)
        for flag in ["--source", "--output", "--drafts"] { XCTAssertTrue(buildHelp.contains(flag), buildHelp) }
    }
}
