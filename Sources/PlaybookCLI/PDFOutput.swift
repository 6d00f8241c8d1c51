import ArgumentParser
import Foundation
import PlaybookCore

/// What `export --pdf` and `report --format pdf` share: finding the browser (exit 2 without one)
/// and counting the sheets printed.
enum PDFOutput {
    static func printer(_ given: String?) throws -> PDFPrinter {
        guard let browser = PDFPrinter.find(given) else {
            let what =
                given.map { "'\($0)' is not an executable browser" }
                ?? "no Chromium found on PATH (looked for \(PDFPrinter.browserNames.joined(separator: ", ")))"
            FileHandle.standardError.write(Data("error: \(what); install it with `apt-get install chromium`, or give one with --browser PATH\n".utf8))
            throw ExitCode(2)
        }
        return PDFPrinter(browser: browser)
    }

    /// Sheets in the PDF, counted from its page objects (for the summary line only).
    static func pageCount(of url: URL) -> Int? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        let marker = Data("/Type /Page".utf8)
        var count = 0
        var range = data.startIndex..<data.endIndex
        while let found = data.range(of: marker, in: range) {
            let next = found.upperBound < data.endIndex ? data[found.upperBound] : 0
            if next != UInt8(ascii: "s") { count += 1 }
            range = found.upperBound..<data.endIndex
        }
        return count > 0 ? count : nil
    }
}
