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

    func testCheckExitsOneOnBrokenLinkAndMissingAnchorAndZeroWithout() throws {
        try "# Home\n\n[broken](nope.md) and [anchor](a.md#missing)\n".write(
            to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        try "## Here\n".write(to: site.appendingPathComponent("content/a.md"), atomically: true, encoding: .utf8)
        XCTAssertEqual(PlaybookCommand.runMain(["check", "--source", site.path]), 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path), "check writes nothing")
        try "# Home\n\n[fine](a.md#here)\n".write(to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        XCTAssertEqual(PlaybookCommand.runMain(["check", "--source", site.path]), 0)
    }

    func testExportWritesOneFile() throws {
        let out = site.appendingPathComponent("handout.html").path
        XCTAssertEqual(PlaybookCommand.runMain(["export", "--source", site.path, "--output", out]), 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.contains("<section class=\"pb-article pb-export-page\" id=\"p1\""))
        XCTAssertEqual(PlaybookCommand.runMain(["export", "--source", site.path, "--output", "x.pdf"]), 2)
    }

    func testStrictBuildFailsOnWarnings() throws {
        try "# Home\n\n![missing](gone.png)\n".write(to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--source", site.path]), 0)
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--source", site.path, "--strict"]), 1)
    }

    func testInitCreatesABuildableSiteAndRefusesToOverwrite() throws {
        let folder = site.appendingPathComponent("new").path
        XCTAssertEqual(PlaybookCommand.runMain(["init", folder]), 0)
        XCTAssertEqual(PlaybookCommand.runMain(["build", "--source", folder]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/public/toolkit/kpis.html"))
        let config = try String(contentsOfFile: folder + "/playbook.yml", encoding: .utf8)
        XCTAssertEqual(PlaybookCommand.runMain(["init", folder]), 1)
        XCTAssertEqual(try String(contentsOfFile: folder + "/playbook.yml", encoding: .utf8), config)
    }
}
