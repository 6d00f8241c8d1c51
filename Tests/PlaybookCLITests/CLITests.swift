import ArgumentParser
import Foundation
import PlaybookCore
import XCTest

@testable import PlaybookCLI

final class CLITests: XCTestCase {
    var site: URL!

    override func setUpWithError() throws {
        site = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content"), withIntermediateDirectories: true)
        try "# Home\n".write(to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
    }

    func assertExit(_ arguments: [String], _ code: Int32, file: StaticString = #filePath, line: UInt = #line) async {
        let actual = await PlaybookCommand.runMain(arguments)
        XCTAssertEqual(actual, code, "playbook \(arguments.joined(separator: " "))", file: file, line: line)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: site)
    }

    func testBuildSucceedsWithExitZero() async {
        await assertExit(["build", "--source", site.path], 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/index.html").path))
    }

    func testEveryCommandButServeRunsWithoutAnAsyncMain() throws {
        XCTAssertEqual(PlaybookCommand.runSynchronously(["build", "--source", site.path]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/index.html").path))
        XCTAssertEqual(PlaybookCommand.runSynchronously(["build", "--no-such-flag"]), 2)
        XCTAssertEqual(PlaybookCommand.runSynchronously(["--version"]), 0)
        try "---\ntitle: [\n---\n".write(to: site.appendingPathComponent("content/bad.md"), atomically: true, encoding: .utf8)
        XCTAssertEqual(PlaybookCommand.runSynchronously(["check", "--source", site.path]), 1)
        // `serve` is asynchronous: it is left to `runMain`, and nothing runs.
        XCTAssertNil(PlaybookCommand.runSynchronously(["serve", "--source", site.path, "--port", "0"]))
    }

    func testEveryCommandNamesItselfSoStartingReflectsNoTypeName() {
        func check(_ command: ParsableCommand.Type, path: String) {
            let name = command.configuration.commandName
            XCTAssertNotNil(name, "\(path): no commandName, so ArgumentParser reflects the type at every start")
            for sub in command.configuration.subcommands { check(sub, path: path + " " + (name ?? "?")) }
        }
        check(PlaybookCommand.self, path: "")
        // The names are the ones ArgumentParser used to derive: the usage lines stay the same.
        XCTAssertEqual(
            PlaybookCommand.configuration.subcommands.compactMap { $0.configuration.commandName },
            ["init", "build", "check", "export", "report", "record", "log", "new", "ticks", "serve"])
        XCTAssertEqual(Ticks.configuration.subcommands.compactMap { $0.configuration.commandName }, ["apply"])
    }

    func testReportWritesEachFormatAndRefusesUnknownOnes() async throws {
        try "# Home\n\n```risks\n- risk: Outage\n  likelihood: 5\n  impact: 4\n```\n"
            .write(to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        for format in ["text", "md", "html"] {
            let out = site.appendingPathComponent("report.\(format)")
            await assertExit(["report", "--source", site.path, "--format", format, "--output", out.path], 0)
            let text = try String(contentsOf: out, encoding: .utf8)
            XCTAssertTrue(text.contains("Outage"), "\(format) report names the risk to escalate")
        }
        await assertExit(["report", "--source", site.path, "--format", "pdf"], 2)
        await assertExit(["report", "--source", site.path, "--output", site.appendingPathComponent("content/r.md").path], 2)
        try "---\ntitle: [\n---\n".write(to: site.appendingPathComponent("content/bad.md"), atomically: true, encoding: .utf8)
        await assertExit(["report", "--source", site.path], 1)
    }

    func testTicksApplyWritesWhatMatchesAndExitsOneForWhatDoesNot() async throws {
        let page = "\u{FEFF}# Plan\r\n\r\n- [ ] Write it\r\n- [ ] Send it\r\n"
        try Data(page.utf8).write(to: site.appendingPathComponent("content/plan.md"))
        let ticks = site.appendingPathComponent("ticks.json")
        try #"{"format":"playbook-ticks","version":1,"ticks":[{"page":"plan.html","item":"write-it","done":true}]}"#
            .write(to: ticks, atomically: true, encoding: .utf8)
        await assertExit(["ticks", "apply", ticks.path, "--source", site.path], 0)
        XCTAssertEqual(
            try Data(contentsOf: site.appendingPathComponent("content/plan.md")),
            Data("\u{FEFF}# Plan\r\n\r\n- [x] Write it\r\n- [ ] Send it\r\n".utf8))
        try #"{"format":"playbook-ticks","version":1,"ticks":[{"page":"plan.html","item":"gone","done":true}]}"#
            .write(to: ticks, atomically: true, encoding: .utf8)
        await assertExit(["ticks", "apply", ticks.path, "--source", site.path], 1)
        try "not json".write(to: ticks, atomically: true, encoding: .utf8)
        await assertExit(["ticks", "apply", ticks.path, "--source", site.path], 2)
        await assertExit(["ticks", "apply", site.appendingPathComponent("missing.json").path, "--source", site.path], 2)
    }

    func testBuildWithOutputFolder() async {
        let out = site.appendingPathComponent("out").path
        await assertExit(["build", "--source", site.path, "--output", out], 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/index.html"))
    }

    func testContentErrorExitsOne() async throws {
        try "---\ntitle: [\n---\n".write(to: site.appendingPathComponent("content/bad.md"), atomically: true, encoding: .utf8)
        await assertExit(["build", "--source", site.path], 1)
    }

    func testUsageErrorsExitTwo() async {
        await assertExit(["build", "--no-such-flag"], 2)
        await assertExit(["frobnicate"], 2)
        await assertExit(["build", "--base-url", "ftp://x"], 2)
    }

    func testHelpAndVersionExitZero() async {
        await assertExit(["--help"], 0)
        await assertExit(["--version"], 0)
        await assertExit(["build", "--help"], 0)
    }

    func testHelpExplainsTheCommands() async {
        let help = PlaybookCommand.helpMessage()
        XCTAssertTrue(help.contains("build"), help)
        XCTAssertTrue(help.contains("Exit codes"), help)
        let buildHelp = PlaybookCommand.helpMessage(for: Build.self)
        for flag in ["--source", "--output", "--drafts"] { XCTAssertTrue(buildHelp.contains(flag), buildHelp) }
    }

    func testCheckStrictExitsOneOnBrokenLinkAndMissingAnchorAndZeroWithout() async throws {
        try "# Home\n\n[broken](nope.md) and [anchor](a.md#missing)\n".write(
            to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        try "## Here\n".write(to: site.appendingPathComponent("content/a.md"), atomically: true, encoding: .utf8)
        await assertExit(["check", "--source", site.path], 0)
        await assertExit(["check", "--source", site.path, "--strict"], 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path), "check writes nothing")
        try "# Home\n\n[fine](a.md#here)\n".write(to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        await assertExit(["check", "--source", site.path], 0)
    }

    func testExportWritesOneFile() async throws {
        let out = site.appendingPathComponent("handout.html").path
        await assertExit(["export", "--source", site.path, "--output", out], 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.contains("<section class=\"pb-article pb-export-page\" id=\"p1\""))
        await assertExit(["export", "--source", site.path, "--output", "x.pdf"], 2)
    }

    func testStrictBuildFailsOnWarnings() async throws {
        try "# Home\n\n![missing](gone.png)\n".write(to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        await assertExit(["build", "--source", site.path], 0)
        await assertExit(["build", "--source", site.path, "--strict"], 1)
    }

    func testInitCreatesABuildableSiteAndRefusesToOverwrite() async throws {
        let folder = site.appendingPathComponent("new").path
        await assertExit(["init", folder], 0)
        await assertExit(["build", "--source", folder], 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/public/toolkit/kpis.html"))
        let config = try String(contentsOfFile: folder + "/playbook.yml", encoding: .utf8)
        await assertExit(["init", folder], 1)
        XCTAssertEqual(try String(contentsOfFile: folder + "/playbook.yml", encoding: .utf8), config)
    }
}

/// `SOURCE_DATE_EPOCH`: whole seconds since 1970 up to the end of 9999, else a clear error (never a trap).
final class BuildDateTests: XCTestCase {
    func testSourceDateEpochIsReadStrictly() throws {
        XCTAssertEqual(try BuildDate.current(environment: ["SOURCE_DATE_EPOCH": "1764547200"]), Day("2025-12-01"))
        XCTAssertEqual(try BuildDate.current(environment: ["SOURCE_DATE_EPOCH": "253402300799"]), Day("9999-12-31"))
        for text in ["9223372036854775807", "253402300800", "-1", "1e9", "soon"] {
            XCTAssertThrowsError(try BuildDate.current(environment: ["SOURCE_DATE_EPOCH": text]), text) { error in
                XCTAssertTrue("\(error)".contains("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970"), "\(error)")
            }
        }
    }
}
