import Foundation
import XCTest

@testable import PlaybookCore

/// The one golden-file helper: compares files made by a test with `Fixtures/NAME/expected/`.
/// Set `UPDATE_GOLDENS=1` to rewrite them (the test then fails, so the diff gets reviewed).
enum Golden {
    /// Compares `actual` (paths relative to `expected`) with the files there. With `wholeFolder`, the folder
    /// must hold exactly these files; otherwise only the given ones are compared.
    static func assert(
        _ actual: [String: Data], matches expected: URL, wholeFolder: Bool, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let actual = actual.mapValues(withoutThemeCopies)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] != nil {
            if wholeFolder { try? FileManager.default.removeItem(at: expected) }
            for (path, data) in actual {
                let url = expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return XCTFail("Rewrote goldens in \(expected.path); review the diff, then run again.", file: file, line: line)
        }
        let stored =
            wholeFolder
            ? snapshot(of: expected) : actual.keys.reduce(into: [:]) { $0[$1] = try? Data(contentsOf: expected.appendingPathComponent($1)) }
        XCTAssertEqual(actual.keys.sorted(), stored.keys.sorted(), "files in \(expected.path)", file: file, line: line)
        for (path, data) in stored.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(
                String(decoding: actual[path] ?? Data(), as: UTF8.self), String(decoding: data, as: UTF8.self),
                "\(path) differs from its golden file", file: file, line: line)
        }
    }

    /// Compares one text with `expected/NAME`.
    static func assert(_ text: String, matches url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        try assert([url.lastPathComponent: Data(text.utf8)], matches: url.deletingLastPathComponent(), wholeFolder: false, file: file, line: line)
    }

    /// The default theme's CSS and JavaScript, which the one-file export inlines, stand in a golden file
    /// as one line each: a theme edit then changes the theme's tests, not every export golden.
    static func withoutThemeCopies(_ data: Data) -> Data {
        var text = String(decoding: data, as: UTF8.self)
        guard text.contains("<style>") || text.contains("<script>") else { return data }
        for (path, closing) in [("assets/playbook.css", "</style"), ("assets/playbook.js", "</script")] {
            guard let source = DefaultTheme.files["static/" + path] else { continue }
            let inlined = ExportBuilder.inlineSafe(source, closing: closing)
            text = text.replacingOccurrences(of: inlined, with: "/* the default theme's \(path) */")
        }
        return Data(text.utf8)
    }
}
