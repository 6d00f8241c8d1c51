import Foundation
import XCTest

@testable import PlaybookCore

/// Ticks written into the sources (`playbook serve`'s write path and `playbook ticks apply`): each edit
/// changes only what it must and is refused when the file is no longer what the site was built from.
final class TickTests: XCTestCase {
    func options(_ site: TempSite) -> BuildOptions { BuildOptions(root: site.root) }

    func apply(_ site: TempSite, _ ticks: [Tick]) -> [TickApplication.Result] {
        let (results, diagnostics) = TickApplication(options: options(site)).apply(ticks)
        XCTAssertNotNil(results, "\(diagnostics)")
        return results ?? []
    }

    func bytes(_ site: TempSite, _ path: String) throws -> Data { try Data(contentsOf: site.root.appendingPathComponent(path)) }

    func testTaskListMarkersChangeAndNothingElseWithBOMAndCRLF() throws {
        let page =
            "\u{FEFF}---\r\ntitle: Plan\r\n---\r\n# Plan\r\n\r\n- [ ] One\r\n- [x] Two\r\n  * [ ] Nested *star*\r\n\r\n> - [ ] Quoted\r\n\r\n3. [X] Numbered\r\n"
        let site = try TempSite(["content/plan.md": page])
        let results = apply(
            site,
            [
                Tick(page: "plan.html", item: "one", done: true), Tick(page: "plan.html", item: "two", done: false),
                Tick(page: "plan.html", item: "nested-star", done: true), Tick(page: "plan.html", item: "quoted", done: true),
                Tick(page: "plan.html", item: "numbered", done: false), Tick(page: "plan.html", item: "one", done: true),
            ])
        XCTAssertEqual(results.filter { if case .written = $0 { return true } else { return false } }.count, 5, "\(results)")
        guard case .unchanged = results.last else { return XCTFail("ticking a ticked box changes nothing: \(results)") }
        let expected =
            "\u{FEFF}---\r\ntitle: Plan\r\n---\r\n# Plan\r\n\r\n- [x] One\r\n- [ ] Two\r\n  * [x] Nested *star*\r\n\r\n> - [x] Quoted\r\n\r\n3. [ ] Numbered\r\n"
        XCTAssertEqual(String(decoding: try bytes(site, "content/plan.md"), as: UTF8.self), expected)
        XCTAssertTrue(try bytes(site, "content/plan.md").starts(with: [0xEF, 0xBB, 0xBF]), "the BOM stays")
    }

    func testChecklistBlockItemsGetDoneWrittenInTheirOwnForm() throws {
        let page = """
            # Week

            ```checklist
            title: The week
            items:
              - Plain text item
              - text: Mapping with done
                done: false   # still to do
              - text: Mapping without done
                owner: Me

              # a comment after it
              - text: >
                  Folded text
                  on two lines
              - text: Last one
            ```

            After.

            """
        let site = try TempSite(["content/week.md": page])
        let results = apply(
            site,
            ["plain-text-item", "mapping-with-done", "mapping-without-done", "folded-text-on-two-lines", "last-one"].map {
                Tick(page: "week.html", item: $0, done: true)
            })
        XCTAssertEqual(results.filter { if case .written = $0 { return true } else { return false } }.count, 5, "\(results)")
        XCTAssertEqual(
            site.read("content/week.md"),
            """
            # Week

            ```checklist
            title: The week
            items:
              - text: Plain text item
                done: true
              - text: Mapping with done
                done: true   # still to do
              - text: Mapping without done
                owner: Me
                done: true

              # a comment after it
              - text: >
                  Folded text
                  on two lines
                done: true
              - text: Last one
                done: true
            ```

            After.

            """)
        // The site reads them as done.
        let (index, _) = TickIndex.read(options: options(site))
        XCTAssertEqual(index?.target(page: "week.html", item: "last-one")?.done, true)
        XCTAssertEqual(index?.target(page: "week.html", item: "plain-text-item")?.done, true)
        // And back: `done:` stays, with false.
        _ = apply(site, [Tick(page: "week.html", item: "plain-text-item", done: false)])
        XCTAssertTrue(site.read("content/week.md")!.contains("  - text: Plain text item\n    done: false\n"))
    }

    func testDataFileItemsAreWrittenInTheDataFileWithCRLF() throws {
        let site = try TempSite([
            "content/list.md": "# List\n\n```checklist\nsource: data/steps.yml\n```\n",
            "data/steps.yml": "# steps\r\n- text: First\r\n  done: no\r\n- Second\r\n",
        ])
        let results = apply(site, [Tick(page: "list.html", item: "first", done: true), Tick(page: "list.html", item: "second", done: true)])
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(
            String(decoding: try bytes(site, "data/steps.yml"), as: UTF8.self),
            "# steps\r\n- text: First\r\n  done: true\r\n- text: Second\r\n  done: true\r\n")
        XCTAssertEqual(site.read("content/list.md"), "# List\n\n```checklist\nsource: data/steps.yml\n```\n", "the page is not touched")
    }

    func testALineAddedAboveAnotherItemMovesItsRecordedLine() throws {
        let site = try TempSite(["content/a.md": "# A\n\n```checklist\n- One\n- Two\n```\n\n- [ ] Three\n"])
        let results = apply(
            site,
            [
                Tick(page: "a.html", item: "one", done: true), Tick(page: "a.html", item: "two", done: true),
                Tick(page: "a.html", item: "three", done: true),
            ])
        XCTAssertEqual(results.filter { if case .written = $0 { return true } else { return false } }.count, 3, "\(results)")
        XCTAssertEqual(site.read("content/a.md"), "# A\n\n```checklist\n- text: One\n  done: true\n- text: Two\n  done: true\n```\n\n- [x] Three\n")
    }

    func testAnEditedLineIsNotOverwritten() throws {
        let site = try TempSite(["content/a.md": "# A\n\n- [ ] One\n- [ ] Two\n"])
        let (read, _) = TickIndex.read(options: options(site))
        let index = try XCTUnwrap(read)
        // Edited after the index was made: line 3 now holds another item.
        try site.write("content/a.md", "# A\n\n- [ ] Zero\n- [ ] One\n- [ ] Two\n")
        let writer = TickWriter(root: site.root)
        XCTAssertThrowsError(try writer.write(true, to: try XCTUnwrap(index.target(page: "a.html", item: "one")))) { error in
            guard case .changed(let file, let line) = error as? TickRefusal else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "content/a.md")
            XCTAssertEqual(line, 3)
        }
        XCTAssertEqual(site.read("content/a.md"), "# A\n\n- [ ] Zero\n- [ ] One\n- [ ] Two\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("content").path), ["a.md"])
    }

    func testAnIndexFromAnOlderReadOfTheFileWritesNothing() throws {
        let site = try TempSite(["content/a.md": "# A\n\n- [ ] One\n"])
        let build = SiteBuild(options: options(site))
        let inputs = build.inputSignatures()
        let production = build.siteModel()
        // The file changes after the build read it, before the index is made: its lines are not trusted.
        try site.write("content/a.md", "# A\n\n- [ ] One\n- [ ] Two\n")
        let index = TickIndex(site: try XCTUnwrap(production.site), root: site.root, inputs: inputs)
        let target = try XCTUnwrap(index.target(page: "a.html", item: "one"))
        XCTAssertNil(target.lineText)
        XCTAssertThrowsError(try TickWriter(root: site.root).write(true, to: target))
        XCTAssertEqual(site.read("content/a.md"), "# A\n\n- [ ] One\n- [ ] Two\n")
    }

    func testFormsThatCannotBeTickedSafelyAreRefused() throws {
        let site = try TempSite([
            "content/a.md": "# A\n\n```checklist\n- {text: Flow item}\n- text: Fine\n```\n\n```checklist\nsource: data/c.csv\n```\n",
            "data/c.csv": "text,done\nFrom CSV,false\n",
        ])
        let results = apply(site, [Tick(page: "a.html", item: "flow-item", done: true), Tick(page: "a.html", item: "from-csv", done: true)])
        for result in results {
            guard case .refused(_, .unsupported) = result else { return XCTFail("\(result)") }
        }
        XCTAssertEqual(
            site.read("content/a.md"), "# A\n\n```checklist\n- {text: Flow item}\n- text: Fine\n```\n\n```checklist\nsource: data/c.csv\n```\n")
        XCTAssertEqual(site.read("data/c.csv"), "text,done\nFrom CSV,false\n")
        guard case .refused(_, .unknownItem) = apply(site, [Tick(page: "a.html", item: "nope", done: true)]).first else {
            return XCTFail("an unknown item is refused")
        }
    }

    func testTheFileKeepsItsModeAndNoTemporaryFileIsLeft() throws {
        let site = try TempSite(["content/a.md": "# A\n\n- [ ] One\n"])
        let path = site.root.appendingPathComponent("content/a.md").path
        chmod(path, 0o640)
        _ = apply(site, [Tick(page: "a.html", item: "one", done: true)])
        var info = stat()
        stat(path, &info)
        XCTAssertEqual(info.st_mode & 0o777, 0o640)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("content").path), ["a.md"])
    }

    func testOnlyFilesOfTheSiteAreWrittenAndNeverThroughALink() throws {
        let site = try TempSite(["content/a.md": "# A\n", "outside.md": "- [ ] x\n", "content/real/b.md": "- [ ] x\n"])
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("content/link.md").path, withDestinationPath: site.root.appendingPathComponent("outside.md").path
        )
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("content/folder").path,
            withDestinationPath: site.root.appendingPathComponent("content/real").path)
        let writer = TickWriter(root: site.root)
        for path in [
            "content/link.md", "content/folder/b.md", "outside.md", "content/../outside.md", "themes/x.md", "content/a.html", "content/missing.md",
        ] {
            let target = TickTarget(page: "a.html", item: "x", file: path, line: 1, done: false, lineText: "- [ ] x")
            XCTAssertThrowsError(try writer.write(true, to: target), path) { error in
                guard case .notWritable = error as? TickRefusal else { return XCTFail("\(path): \(error)") }
            }
        }
        XCTAssertEqual(site.read("outside.md"), "- [ ] x\n")
        XCTAssertEqual(site.read("content/real/b.md"), "- [ ] x\n")
    }

    func testTicksFileIsReadStrictly() {
        let good = #"{"format":"playbook-ticks","version":1,"exported":"2026-12-01T10:00:00Z","ticks":[{"page":"a.html","item":"one","done":true}]}"#
        XCTAssertEqual(try TicksFile.read(Data(good.utf8)).get(), [Tick(page: "a.html", item: "one", done: true)])
        for bad in [
            "[]", #"{"format":"other","version":1,"ticks":[]}"#, #"{"format":"playbook-ticks","version":2,"ticks":[]}"#,
            #"{"format":"playbook-ticks","version":1,"ticks":[{"page":"a.html","item":"one","done":"yes"}]}"#, "not json",
            #"{"format":"playbook-ticks","version":true,"ticks":[]}"#, #"{"format":"playbook-ticks","version":1.0,"ticks":[]}"#,
        ] {
            guard case .failure = TicksFile.read(Data(bad.utf8)) else { return XCTFail(bad) }
        }
        // Numbers are not booleans, although JSONSerialization converts them.
        for done in ["1", "1.0", "0", "0.0", "\"true\"", "null"] {
            let file = #"{"format":"playbook-ticks","version":1,"ticks":[{"page":"a.html","item":"one","done":"# + done + "}]}"
            guard case .failure(let error) = TicksFile.read(Data(file.utf8)) else { return XCTFail(done) }
            XCTAssertEqual(error.description, "tick 1 needs \"page\", \"item\" (text) and \"done\" (true or false)")
        }
        XCTAssertEqual(JSONValue.bool(false as NSNumber), false)
    }

    func testTaskMarkerParsing() {
        func marker(_ line: String) -> Character? { TickEditor.taskMarker(in: line).map { Character(UnicodeScalar(line.utf8[$0])) } }
        XCTAssertEqual(marker("- [ ] a"), " ")
        XCTAssertEqual(marker("   * [x] a"), "x")
        XCTAssertEqual(marker("> > 12) [X] a"), "X")
        XCTAssertEqual(marker("- [ ]"), " ")
        XCTAssertNil(marker("[ ] not in a list"))
        XCTAssertNil(marker("- [y] a"))
        XCTAssertNil(marker("- [ ]a"))
        XCTAssertNil(marker("-[ ] a"))
        XCTAssertNil(marker("- text: [ ] a"))
    }
}
