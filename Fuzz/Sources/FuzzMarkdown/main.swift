import Foundation
import PlaybookCore

/// The whole Markdown-to-page path: parsing, cmark, link rewriting, blocks, task lists.
let routes = RouteTable(outputPath: ["content/fuzz.md": "fuzz.html", "content/other.md": "other.html"], sectionPath: ["content": "index.html"])
let renderer = PageRenderer(config: SiteConfig(), routes: routes, buildDate: Day("2026-11-30")!)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let page = PageParser().parse(SourceFile(path: "content/fuzz.md", data: data)).0 else { return 0 }
    _ = renderer.render(page)
    return 0
}
