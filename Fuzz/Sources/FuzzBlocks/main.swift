import Foundation
import FuzzDriver
import PlaybookCore

/// Every block kind's parser, fed the input as the YAML of a fenced block, then the dashboard's
/// summary of what it produced, written as a Markdown report (the content type that escapes least).
/// Set up lazily: with libFuzzer's own `main`, this file's top-level code never runs.
enum Fixture {
    static let kinds = ["kpi", "checklist", "risks", "priorities", "cadence", "script", "phrases"]
    static let renderer = PageRenderer(
        config: SiteConfig(), routes: RouteTable(outputPath: ["content/fuzz.md": "fuzz.html"]), buildDate: Day("2026-11-30")!)
    /// Loaded once for the whole run. LeakSanitizer reports this process-lifetime copy as a leak when
    /// the fuzzer exits (a false positive: it is never freed on purpose), so it is allocated with
    /// leak checking off.
    static let theme: Theme = {
        lsanDisable()
        defer { lsanEnable() }
        return ThemeLoader(root: URL(fileURLWithPath: "/nonexistent-playbook-site"), config: SiteConfig()).load().0!
    }()
}

@_silgen_name("__lsan_disable") func lsanDisable()
@_silgen_name("__lsan_enable") func lsanEnable()

func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let kind = Fixture.kinds[Int(bytes[0]) % Fixture.kinds.count]
    let yaml = String(decoding: bytes.dropFirst(), as: UTF8.self).replacingOccurrences(of: "```", with: "'''")
    let markdown = "```\(kind)\n\(yaml)\n```\n"
    guard let page = PageParser().parse(SourceFile(path: "content/fuzz.md", data: Data(markdown.utf8))).0 else { return 0 }
    let (rendered, _) = Fixture.renderer.render(page)
    let site = SiteBlocks(pages: [rendered])
    _ = StatusReport.render(site, config: SiteConfig(), theme: Fixture.theme, today: Day("2026-11-30")!, format: .md)
    return 0
}

runFuzzer { data, count in
    guard let data else { return 0 }
    return fuzz(UnsafeRawPointer(data), count)
}
