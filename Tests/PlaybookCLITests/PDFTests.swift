import Foundation
import PlaybookCore
import XCTest

@testable import PlaybookCLI

/// `export --pdf` and `report --format pdf` on the example playbook, printed by headless Chromium and
/// read back with poppler's `pdftotext`. Skipped where Chromium or poppler is missing (CI installs both).
final class PDFTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    var example: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    func requireTools() throws {
        try XCTSkipUnless(PDFPrinter.find() != nil, "no Chromium")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"), "no poppler-utils")
    }

    func text(of pdf: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [pdf.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func testExportPDFHasASheetPerPageAnOutlineTitlesAndLinks() async throws {
        try requireTools()
        let html = folder.appendingPathComponent("playbook.html")
        let pdf = folder.appendingPathComponent("playbook.pdf")
        let htmlExit = await PlaybookCommand.runMain(["export", "--source", example, "--output", html.path])
        XCTAssertEqual(htmlExit, 0)
        let pdfExit = await PlaybookCommand.runMain(["export", "--source", example, "--pdf", "--output", pdf.path])
        XCTAssertEqual(pdfExit, 0)
        let bytes = try Data(contentsOf: pdf)
        let exported = try String(contentsOf: html, encoding: .utf8)
        // The export's contents: one entry (and one sheet at least) per page.
        let contents = exported.components(separatedBy: "aria-label=\"Contents\">")[1].components(separatedBy: "</nav>")[0]
        let titles = contents.components(separatedBy: "\">").dropFirst().compactMap { $0.components(separatedBy: "</a>").first }
        XCTAssertGreaterThan(titles.count, 10)
        let sheets = try XCTUnwrap(PDFOutput.pageCount(of: pdf))
        XCTAssertGreaterThanOrEqual(sheets, titles.count)
        XCTAssertTrue(bytes.range(of: Data("/Outlines".utf8)) != nil, "a document outline (bookmarks)")
        XCTAssertTrue(bytes.range(of: Data("/Dest".utf8)) != nil, "links inside the PDF")
        let text = try text(of: pdf)
        for title in titles {
            let plain = title.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            XCTAssertTrue(text.contains(plain), "the PDF shows '\(plain)'")
        }
        XCTAssertTrue(text.contains("2 / \(sheets)"), "sheets are numbered")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(left, ["playbook.html", "playbook.pdf"], "no work folder is left behind")
    }

    func testReportPDFIsOneSheet() async throws {
        try requireTools()
        let pdf = folder.appendingPathComponent("report.pdf")
        let exit = await PlaybookCommand.runMain(["report", "--source", example, "--format", "pdf", "--output", pdf.path])
        XCTAssertEqual(exit, 0)
        XCTAssertEqual(PDFOutput.pageCount(of: pdf), 1)
        XCTAssertTrue(try text(of: pdf).contains("status report"))
    }

    func testWithoutABrowserBothExitTwoAndWriteNothing() async throws {
        let pdf = folder.appendingPathComponent("x.pdf")
        let missing = folder.appendingPathComponent("no-browser").path
        let export = await PlaybookCommand.runMain(["export", "--source", example, "--pdf", "--output", pdf.path, "--browser", missing])
        XCTAssertEqual(export, 2)
        let report = await PlaybookCommand.runMain(["report", "--source", example, "--format", "pdf", "--output", pdf.path, "--browser", missing])
        XCTAssertEqual(report, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: pdf.path))
        XCTAssertNil(PDFPrinter.find(nil, path: folder.path), "nothing found on an empty PATH")
    }

    /// A fake browser as a shell script.
    func browser(_ script: String) throws -> String {
        let url = folder.appendingPathComponent("fake-browser")
        try ("#!/bin/sh\n" + script).write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    func testAHangingBrowserIsStoppedAndLeavesNothing() throws {
        var printer = PDFPrinter(browser: try browser("echo 'starting up' >&2\nexec sleep 60\n"))
        printer.timeout = 1
        let pdf = folder.appendingPathComponent("out.pdf")
        XCTAssertThrowsError(try printer.print(html: "<html><head></head><body>x</body></html>", css: "", to: pdf)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("did not finish within 1 s") && text.contains("starting up"), text)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["fake-browser"])
    }

    func testACrashingBrowserReportsItsOutput() throws {
        // Writes half a PDF, complains and fails: the half is not kept.
        let script =
            "for a; do case $a in --print-to-pdf=*) printf '%%PDF-1.4 half' > \"${a#--print-to-pdf=}\";; esac; done\necho 'Segmentation fault in renderer' >&2\nexit 139\n"
        let printer = PDFPrinter(browser: try browser(script))
        let pdf = folder.appendingPathComponent("out.pdf")
        XCTAssertThrowsError(try printer.print(html: "<p>x</p>", css: "", to: pdf)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("exit 139") && text.contains("Segmentation fault"), text)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["fake-browser"])
    }
}
