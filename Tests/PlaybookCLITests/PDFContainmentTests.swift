import Foundation
import PlaybookCore
import XCTest

@testable import PlaybookCLI

/// A PDF is made to be sent to someone: the page Chromium prints loads nothing from the disk (each
/// element that could, with a canary file outside the site), and the browser writes nothing into the
/// user's home. Skipped where Chromium or poppler is missing (CI installs both).
final class PDFContainmentTests: XCTestCase {
    var folder: URL!
    var outside: URL!
    static let png = Data(
        base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC")!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-pdf-\(UUID().uuidString)")
        outside = folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("listing"), withIntermediateDirectories: true)
        try Self.png.write(to: outside.appendingPathComponent("canary.png"))
        try "CANARYTEXTFILE".write(to: outside.appendingPathComponent("canary.txt"), atomically: true, encoding: .utf8)
        try "<p>CANARYHTMLFILE</p>".write(to: outside.appendingPathComponent("canary.html"), atomically: true, encoding: .utf8)
        try "body::before { content: 'CANARYSTYLESHEET'; }".write(to: outside.appendingPathComponent("canary.css"), atomically: true, encoding: .utf8)
        try "x".write(to: outside.appendingPathComponent("listing/CANARYLISTEDNAME.txt"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func requireTools() throws {
        try XCTSkipUnless(PDFPrinter.find() != nil, "no Chromium")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"), "no poppler-utils")
    }

    func tool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + name)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Exports a site whose one page holds `body` (raw HTML allowed) to PDF; the PDF's text and its number of canary-sized images.
    func export(_ body: String) async throws -> (text: String, images: Int) {
        let site = folder.appendingPathComponent("site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content"), withIntermediateDirectories: true)
        try "title: Contained\nunsafe_html: true\n".write(to: site.appendingPathComponent("playbook.yml"), atomically: true, encoding: .utf8)
        try "# Home\n\nVISIBLETEXT\n\n\(body)\n".write(to: site.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        let pdf = folder.appendingPathComponent("out.pdf")
        let exit = await PlaybookCommand.runMain(["export", "--source", site.path, "--pdf", "--output", pdf.path])
        XCTAssertEqual(exit, 0)
        let text = try tool("pdftotext", [pdf.path, "-"])
        // Images of the canary's size (8 × 8): Chromium draws its own 72 × 72 icon for a blocked frame.
        let images = try tool("pdfimages", ["-list", pdf.path]).split(separator: "\n").dropFirst(2)
            .filter { row in
                let columns = row.split(separator: " ")
                return columns.count > 4 && columns[2] == "image" && columns[3] == "8" && columns[4] == "8"
            }.count
        try? FileManager.default.removeItem(at: pdf)
        return (text, images)
    }

    func testNoLocalFileReachesThePDF() async throws {
        try requireTools()
        let base = outside.path
        let cases: [(String, String)] = [
            ("iframe", "<iframe src=\"file://\(base)/canary.txt\"></iframe>"),
            ("iframe of an HTML file", "<iframe src=\"file://\(base)/canary.html\"></iframe>"),
            ("iframe of a folder", "<iframe src=\"file://\(base)/listing/\"></iframe>"),
            ("object", "<object data=\"file://\(base)/canary.txt\" type=\"text/plain\"></object>"),
            ("embed", "<embed src=\"file://\(base)/canary.html\" type=\"text/html\">"),
            ("img", "<img src=\"file://\(base)/canary.png\" alt=\"\">"),
            ("link", "<link rel=\"stylesheet\" href=\"file://\(base)/canary.css\">"),
            ("Markdown image outside the site", "![](../../../../../../../../../../..\(base)/canary.png)"),
        ]
        for (name, html) in cases {
            let (text, images) = try await export(html)
            XCTAssertTrue(text.contains("VISIBLETEXT"), "\(name): the page itself is printed")
            XCTAssertFalse(text.contains("CANARY"), "\(name): \(text)")
            XCTAssertEqual(images, 0, "\(name): no image from outside the site")
        }
        // What the export inlined still prints: an image as a data: URL.
        let inline = try await export("<img src=\"data:image/png;base64,\(Self.png.base64EncodedString())\" alt=\"\">")
        XCTAssertEqual(inline.images, 1)
    }

    func testThePrintedPageStartsWithThePolicy() {
        let page = PDFPrinter.printable(
            "<!doctype html><html><head><link rel=\"icon\" href=\"x.png\"></head><body><header>x</header></body></html>", css: "p{}")
        XCTAssertTrue(page.hasPrefix("<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), page)
        XCTAssertTrue(page.contains("<style>p{}</style></head>"))
        XCTAssertFalse(PDFPrinter.contentSecurityPolicy.contains("file:"))
        XCTAssertFalse(PDFPrinter.contentSecurityPolicy.contains("'self'"))
        XCTAssertFalse(PDFPrinter.contentSecurityPolicy.contains("*"))
    }

    func testTheBrowserWritesNothingIntoTheHome() async throws {
        try requireTools()
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let saved = ProcessInfo.processInfo.environment
        for name in ["HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] { unsetenv(name) }
        setenv("HOME", home.path, 1)
        defer {
            for name in ["HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] {
                if let value = saved[name] { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        _ = try await export("<p>x</p>")
        XCTAssertEqual(FileManager.default.subpaths(atPath: home.path) ?? [], [], "nothing written in the home")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }, [], "no work folder left")
    }

    func testTheBrowsersHomeConfigAndCacheAreInTheWorkFolder() throws {
        let script = folder.appendingPathComponent("fake-browser")
        try """
        #!/bin/sh
        for a; do case $a in --print-to-pdf=*) printf '%%PDF-1.4 %s|%s|%s|%s|%s' "$HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$PWD" > "${a#--print-to-pdf=}";; esac; done

        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let pdf = folder.appendingPathComponent("out.pdf")
        try PDFPrinter(browser: script.path).print(html: "<p>x</p>", css: "", to: pdf)
        let paths = String(decoding: try Data(contentsOf: pdf), as: UTF8.self).dropFirst("%PDF-1.4 ".count).split(separator: "|")
        XCTAssertEqual(paths.count, 5)
        for path in paths { XCTAssertTrue(path.contains("/.out.pdf-work/browser"), String(path)) }
    }
}
