import Foundation
import FuzzDriver
import PlaybookCore

/// Ticks: the input read as a ticks file (the dashboard's export), then as a Markdown page whose
/// checklist items are each ticked (or unticked) in memory. Checked after every edit: the page still
/// has the same items, the ticked one now says so, and no other item changed its state.
enum Fixture {
    static let renderer = PageRenderer(
        config: SiteConfig(), routes: RouteTable(outputPath: ["content/fuzz.md": "fuzz.html"]), buildDate: Day("2026-11-30")!)
}

func items(of data: Data) -> [ChecklistEntry.Item]? {
    guard let page = PageParser().parse(SourceFile(path: "content/fuzz.md", data: data)).0 else { return nil }
    let (rendered, problems) = Fixture.renderer.render(page)
    guard !problems.contains(where: { $0.severity == .error }) else { return nil }
    return rendered.blocks.checklists.flatMap(\.items).filter { $0.location.file == "content/fuzz.md" }
}

func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(UnsafeRawBufferPointer(start: start, count: count))
    _ = TicksFile.read(data)
    guard count < 4096, let before = items(of: data) else { return 0 }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    for item in before.prefix(8) {
        let line = item.location.line
        let text = line >= 1 && line <= lines.count ? String(lines[line - 1]).replacingOccurrences(of: "\r", with: "") : nil
        let target = TickTarget(
            page: "fuzz.html", item: item.id, file: "content/fuzz.md", line: line, done: item.done, lineText: text, itemText: item.text)
        guard let edited = try? TickWriter.edited(data, target: target, done: !item.done) else { continue }
        guard let after = items(of: edited) else { preconditionFailure("the edit broke the page: \(item.id)") }
        precondition(after.map(\.id) == before.map(\.id), "the edit changed the items: \(item.id)")
        for (old, new) in zip(before, after) {
            precondition(new.done == (old.id == item.id ? !old.done : old.done), "the edit of \(item.id) changed \(old.id)")
        }
    }
    return 0
}

runFuzzer { data, count in
    guard let data else { return 0 }
    return fuzz(UnsafeRawPointer(data), count)
}
