import Foundation
import PlaybookCore

/// Every block kind's parser, fed the input as the YAML of a fenced block.
let kinds = ["kpi", "checklist", "risks", "priorities", "cadence", "script", "phrases"]
let routes = RouteTable(outputPath: ["content/fuzz.md": "fuzz.html"], sectionPath: [:])
let renderer = PageRenderer(config: SiteConfig(), routes: routes, buildDate: Day("2026-11-30")!)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let kind = kinds[Int(bytes[0]) % kinds.count]
    let yaml = String(decoding: bytes.dropFirst(), as: UTF8.self).replacingOccurrences(of: "```", with: "'''")
    let markdown = "```\(kind)\n\(yaml)\n```\n"
    guard let page = PageParser().parse(SourceFile(path: "content/fuzz.md", data: Data(markdown.utf8))).0 else { return 0 }
    _ = renderer.render(page)
    return 0
}
