import Foundation
import FuzzDriver
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

runFuzzer { data, count in
    guard let data else { return 0 }
    return fuzz(UnsafeRawPointer(data), count)
}
