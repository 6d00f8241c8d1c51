import Foundation
import FuzzDriver
import PlaybookCore

/// Random site layouts and partials through the theme loader and the renderer: the input is split at
/// NUL bytes into templates, written as the site's `layouts/` (page, nav, nav-item, base, partials
/// that include each other…), and a small site with nested sections and blocks is built in memory and
/// reported as text. Templates that include themselves must give an error, never a crash.
/// Set up lazily: with libFuzzer's own `main`, this file's top-level code never runs.
enum Fixture {
    static let names = ["page", "nav", "nav-item", "base", "home", "section", "toc", "a", "b", "dashboard-body", "report.txt", "breadcrumbs"]
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-fuzz-templates-\(getpid())")
        let files = [
            "content/index.md": "# Home\n\nStart with [the plan](a/b/plan.md).\n",
            "content/a/_index.md": "# A\n",
            "content/a/b/_index.md": "# B\n",
            "content/a/b/plan.md":
                "# Plan\n\n## Week\n\n```kpi\n- name: Latency\n  target: < 200ms\n  actual: 180ms\n```\n\n- [ ] first\n- [x] second\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
        }
        return root
    }()
    static var layouts: URL { root.appendingPathComponent("layouts") }
}

func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    try? FileManager.default.removeItem(at: Fixture.layouts)
    try? FileManager.default.createDirectory(at: Fixture.layouts, withIntermediateDirectories: true)
    for (index, chunk) in bytes.split(separator: 0, maxSplits: Fixture.names.count - 1, omittingEmptySubsequences: false).enumerated() {
        let url = Fixture.layouts.appendingPathComponent(Fixture.names[index] + ".mustache")
        try? Data(chunk).write(to: url)
    }
    var options = BuildOptions(root: Fixture.root)
    options.jobs = 1
    options.buildDate = Day("2026-11-30")!
    _ = SiteBuild(options: options).plan()
    _ = StatusReport(options: options).render(.text)
    return 0
}

runFuzzer { data, count in
    guard let data else { return 0 }
    return fuzz(UnsafeRawPointer(data), count)
}
