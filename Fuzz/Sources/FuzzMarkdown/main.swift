import Foundation
import PlaybookCore

/// The whole Markdown-to-page path: parsing, cmark, link rewriting, blocks, task lists.
/// Set up lazily: with libFuzzer's own `main`, this file's top-level code never runs.
enum Fixture {
    static let renderer = PageRenderer(
        config: SiteConfig(),
        routes: RouteTable(outputPath: ["content/fuzz.md": "fuzz.html", "content/other.md": "other.html"], sectionPath: ["content": "index.html"]),
        buildDate: Day("2026-11-30")!)
}

func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let page = PageParser().parse(SourceFile(path: "content/fuzz.md", data: data)).0 else { return 0 }
    _ = Fixture.renderer.render(page)
    return 0
}

// SwiftPM gives executables a `main` of their own, so libFuzzer is started through its driver API.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    runFuzzerDriver(&arguments, &argumentValues) { data, count in
        guard let data else { return 0 }
        return fuzz(UnsafeRawPointer(data), count)
    })
