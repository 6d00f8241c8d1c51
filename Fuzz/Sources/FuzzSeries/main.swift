import Foundation
import FuzzDriver
import PlaybookCore

/// KPI series files: the input's first byte picks CSV or a Prometheus JSON response, its first line
/// gives the KPI's `window:` and `stale_after:` (split at `|`), the rest is the series file. The page is
/// rendered (series read, window and staleness applied, sparkline drawn) and the dashboard's report made.
enum Fixture {
    static let today = Day("2026-11-30")!
}

/// `text` as a single-quoted YAML scalar on one line.
func quoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") + "'"
}

func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let isJSON = bytes[0] & 1 == 1
    let rest = bytes.dropFirst()
    let newline = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
    let settings = String(decoding: rest[..<newline], as: UTF8.self).split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
    let file = Data(rest[newline...].dropFirst())
    let path = isJSON ? "data/series.json" : "data/series.csv"
    var block = "```kpi\n- name: Fuzzed\n  target: < 200ms\n  unit: ms\n  series: \(path)\n"
    if let window = settings.first, !window.isEmpty { block += "  window: \(quoted(String(window)))\n" }
    if settings.count > 1, !settings[1].isEmpty { block += "  stale_after: \(quoted(String(settings[1])))\n" }
    block += "```\n"
    let renderer = PageRenderer(
        config: SiteConfig(), routes: RouteTable(outputPath: ["content/fuzz.md": "fuzz.html"]), buildDate: Fixture.today,
        dataFiles: [path: file])
    guard let page = PageParser().parse(SourceFile(path: "content/fuzz.md", data: Data(block.utf8))).0 else { return 0 }
    let (rendered, problems) = renderer.render(page)
    // Every problem names a file and a line.
    for problem in problems { precondition(!problem.location.path.isEmpty && (problem.location.line ?? 1) >= 1, "\(problem)") }
    // A shown series is bounded whatever the file holds.
    for kpi in rendered.blocks.kpis { precondition(kpi.points.count <= 12) }
    return 0
}

runFuzzer { data, count in
    guard let data else { return 0 }
    return fuzz(UnsafeRawPointer(data), count)
}
