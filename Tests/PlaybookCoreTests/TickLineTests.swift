import Foundation
import PlaybookMarkdown
import XCTest

@testable import PlaybookCore

/// Every checklist item carries its own source line, whatever syntax holds it, and the writer refuses
/// a line that does not hold the item it was asked to tick.
final class TickLineTests: XCTestCase {
    func apply(_ site: TempSite, _ ticks: [Tick]) -> [TickApplication.Result] {
        let (results, diagnostics) = TickApplication(options: BuildOptions(root: site.root)).apply(ticks)
        XCTAssertNotNil(results, "\(diagnostics)")
        return results ?? []
    }

    func testTasksInAFootnotesContinuationAreWrittenOnTheirOwnLines() throws {
        let page = "# Plan\n\nSee the note.[^n]\n\n[^n]: The note.\n\n    - [ ] alpha in note\n    - [ ] beta in note\n\n    More.\n"
        let site = try TempSite(["content/plan.md": page])
        let results = apply(site, [Tick(page: "plan.html", item: "beta-in-note", done: true)])
        guard case .written(_, let target) = results.first else { return XCTFail("\(results)") }
        XCTAssertEqual(target.line, 8)
        XCTAssertEqual(site.read("content/plan.md"), page.replacingOccurrences(of: "- [ ] beta", with: "- [x] beta"))
    }

    func testEveryItemsRecordedLineHoldsItsText() throws {
        let page = """
            # All the places a task can be

            - [ ] top level
              - [ ] nested below it

            > [!NOTE]
            > - [ ] in a callout
            >   - [ ] nested in a callout

            > - [ ] in a quote
            > > - [ ] in a quote in a quote

            1. [ ] numbered
            2. [ ] numbered **two**
               spread over two lines

            A paragraph before a table
            with a second line.
            | a | b |
            |---|---|
            | 1 | 2 |

            - [ ] after the table

            Text.[^x] More.[^y]

            [^x]: First note.

                - [ ] first in a note

                  Paragraph.

                - [ ] second in a note
                    - [ ] nested in a note

            [^y]: Second note.

                > - [ ] quoted in a note

            ```checklist
            - yaml one
            - text: yaml two
              owner: |
                Alice
                # and Bob
            - text: yaml three
            ```

            """
        let site = try TempSite(["content/plan.md": page])
        let (index, diagnostics) = TickIndex.read(options: BuildOptions(root: site.root))
        let found = try XCTUnwrap(index, "\(diagnostics)")
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected: [(String, String)] = [
            ("top-level", "top level"), ("nested-below-it", "nested below it"), ("in-a-callout", "in a callout"),
            ("nested-in-a-callout", "nested in a callout"), ("in-a-quote", "in a quote"), ("in-a-quote-in-a-quote", "in a quote in a quote"),
            ("numbered", "numbered"), ("numbered-two-spread-over-two-lines", "numbered **two**"), ("after-the-table", "after the table"),
            ("first-in-a-note", "first in a note"), ("second-in-a-note", "second in a note"), ("nested-in-a-note", "nested in a note"),
            ("quoted-in-a-note", "quoted in a note"), ("yaml-one", "yaml one"), ("yaml-two", "yaml two"), ("yaml-three", "yaml three"),
        ]
        XCTAssertEqual(found.count, expected.count)
        for (id, text) in expected {
            let target = try XCTUnwrap(found.target(page: "plan.html", item: id), id)
            XCTAssertTrue(lines[target.line - 1].contains(text), "\(id) is recorded at line \(target.line): '\(lines[target.line - 1])'")
        }
        // Ticking each writes its own line, and only that.
        let ticks = expected.map { Tick(page: "plan.html", item: $0.0, done: true) }
        let results = apply(site, ticks)
        XCTAssertEqual(results.filter { if case .written = $0 { return true } else { return false } }.count, expected.count, "\(results)")
        let after = try XCTUnwrap(site.read("content/plan.md"))
        XCTAssertFalse(after.contains("[ ]"), after)
        XCTAssertEqual(
            after.replacingOccurrences(of: "[x]", with: "[ ]").replacingOccurrences(of: "  done: true\n", with: "")
                .replacingOccurrences(of: "- text: yaml one\n", with: "- yaml one\n"), page)
    }

    func testTheWriterRefusesALineThatHoldsAnotherItem() throws {
        let page = "# A\n\n- [ ] One\n- [ ] Two\n\n```checklist\n- text: Three\n- text: Four\n```\n"
        let site = try TempSite(["content/a.md": page])
        let writer = TickWriter(root: site.root)
        // Lines recorded wrongly (but the file is as the build read it): the item text does not match.
        for (line, text, item) in [(3, "- [ ] One", "Two"), (7, "- text: Three", "Four"), (4, "- [ ] Two", "One")] {
            let target = TickTarget(page: "a.html", item: "x", file: "content/a.md", line: line, done: false, lineText: text, itemText: item)
            XCTAssertThrowsError(try writer.write(true, to: target)) { error in
                guard case .notTheItem(_, line, item) = error as? TickRefusal else { return XCTFail("\(error)") }
                XCTAssertTrue("\(error)".hasPrefix("content/a.md:\(line): this line does not hold the item '\(item)'"), "\(error)")
            }
        }
        XCTAssertEqual(site.read("content/a.md"), page)
        // Markup, smart punctuation and a text that goes on over more lines still match.
        XCTAssertTrue(
            TickEditor.taskLine(
                "- [ ] Ship *the* [plan](a.md) -- now", after: "- [ ] Ship".utf8.index("- [ ] Ship".utf8.startIndex, offsetBy: 3),
                holds: "Ship the plan – now and then"))
    }

    func testATickAfterABlockScalarKeepsEveryLineOfIt() throws {
        let page = "# A\n\n```checklist\n- text: Review\n  owner: |\n    Alice\n    # and Bob\n\n  # a real comment\n- text: Next\n```\n"
        let site = try TempSite(["content/a.md": page])
        let results = apply(site, [Tick(page: "a.html", item: "review", done: true)])
        guard case .written = results.first else { return XCTFail("\(results)") }
        XCTAssertEqual(
            site.read("content/a.md"),
            "# A\n\n```checklist\n- text: Review\n  owner: |\n    Alice\n    # and Bob\n  done: true\n\n  # a real comment\n- text: Next\n```\n")
    }

    func testAnEditThatWouldChangeAnotherFieldIsRefused() throws {
        // `|+` keeps its trailing blank line: `done:` put before it would take it from the owner.
        let page = "# A\n\n```checklist\n- text: Review\n  owner: |+\n    Alice\n\n- text: Next\n```\n"
        let site = try TempSite(["content/a.md": page])
        let results = apply(site, [Tick(page: "a.html", item: "review", done: true)])
        guard case .refused(_, .unsupported(_, 4, let reason)) = results.first else { return XCTFail("\(results)") }
        XCTAssertTrue(reason.contains("set 'done: true' by hand"), reason)
        XCTAssertEqual(site.read("content/a.md"), page)
    }

    func testAMarkerIsATaskEvenWhenALinkReferenceHasItsLabel() throws {
        // Found by FuzzTicks: with `[x]: two` defined, ticking `- [ ] one` made `[x] one` a link, and the item vanished.
        let page = "# A\n\n- [ ] one\n- [x] two\n- [x](https://example.com) a link, not a task\n\n[x]: two\n"
        let site = try TempSite(["content/a.md": page])
        let (index, diagnostics) = TickIndex.read(options: BuildOptions(root: site.root))
        let found = try XCTUnwrap(index, "\(diagnostics)")
        XCTAssertEqual(found.count, 2)
        XCTAssertEqual(found.target(page: "a.html", item: "two")?.done, true)
        guard case .written = apply(site, [Tick(page: "a.html", item: "one", done: true)]).first else { return XCTFail() }
        let after = try XCTUnwrap(TickIndex.read(options: BuildOptions(root: site.root)).0)
        XCTAssertEqual(after.count, 2, "still two tasks")
        XCTAssertEqual(after.target(page: "a.html", item: "one")?.done, true)
        guard case .written = apply(site, [Tick(page: "a.html", item: "one", done: false)]).first else { return XCTFail() }
        XCTAssertEqual(site.read("content/a.md"), page)
    }

    func testAFileWithBareCarriageReturnsIsNotWritten() throws {
        // Found by FuzzTicks: the parser counts a bare CR as a line end, the editor did not, so a tick
        // landed on a later item with the same text.
        let page = "# A\r\r- [ ] same\r- [ ] same\n- [ ] other\n"
        let site = try TempSite(["content/a.md": page])
        let results = apply(site, [Tick(page: "a.html", item: "same", done: true), Tick(page: "a.html", item: "other", done: true)])
        for result in results {
            guard case .refused(_, .unsupported(_, _, let reason)) = result else { return XCTFail("\(results)") }
            XCTAssertTrue(reason.contains("carriage return without a line feed"), reason)
        }
        XCTAssertEqual(site.read("content/a.md"), page)
        // CRLF files are written as before.
        let crlf = "# A\r\n\r\n- [ ] same\r\n- [ ] same\r\n"
        try site.write("content/a.md", crlf)
        guard case .written = apply(site, [Tick(page: "a.html", item: "same-1", done: true)]).first else { return XCTFail() }
        XCTAssertEqual(site.read("content/a.md"), "# A\r\n\r\n- [ ] same\r\n- [x] same\r\n")
    }
}
