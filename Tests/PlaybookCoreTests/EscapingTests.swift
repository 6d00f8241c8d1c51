import XCTest

@testable import PlaybookCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `<script>`, quotes, `&` and `javascript:` from front matter, data files, block fields and file
/// names appear only as text: in titles, attributes, navigation, search index, feeds and the export.
final class EscapingTests: XCTestCase {
    let hostile = #"<script>alert("x'&")</script> javascript:alert(1)"#

    func testJSONTextReadsBackAsTheSameValueAndHasNothingAScriptCouldEndOn() throws {
        var generator = SystemRandomNumberGenerator()
        let specials = Array("a Z\"\\/<>&\n\r\t\u{1}\u{1F}é\u{2028}\u{2029}\u{2027}€😀")
        // Mostly plain text too: long runs without a special byte go through sixteen bytes at a time.
        let mostlyPlain = specials + Array(repeating: Character("m"), count: 400)
        for round in 0..<4000 {
            let alphabet = round.isMultiple(of: 2) ? specials : mostlyPlain
            let text = String((0..<Int.random(in: 0...60, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let json = JSONText.encode([text, 7, true, [text]] as [Any])
            let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any], json)
            XCTAssertEqual(decoded[0] as? String, text, json)
            XCTAssertEqual((decoded[3] as? [Any])?.first as? String, text, json)
            for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}", "\n", "\r", "</"] {
                XCTAssertFalse(json.contains(forbidden), json)
            }
        }
    }

    func testHostileValuesAreTextEverywhere() throws {
        let quoted = hostile.replacingOccurrences(of: "\"", with: "\\\"")
        let site = try TempSite([
            "playbook.yml":
                "title: \"\(quoted)\"\ndescription: \"\(quoted)\"\nauthor: \"\(quoted)\"\nbase_url: https://example.org/p/\nescalate_at: 9\n",
            "content/_index.md": "---\ntitle: \"\(quoted)\"\nsummary: \"\(quoted)\"\n---\nHome [x](javascript:alert(1)) <script>alert(1)</script>\n",
            "content/page.md": """
            ---
            title: "\(quoted)"
            summary: "\(quoted)"
            date: 2026-01-01
            tags: ["\(quoted)"]
            owner: "\(quoted)"
            ---
            ## \(hostile)

            ```kpi
            - name: "\(quoted)"
              group: "\(quoted)"
              target: "< 5 ms"
              actual: 3 ms
              note: "\(quoted)"
            ```

            ```risks
            source: data/risks.csv
            ```

            ```script
            title: "\(quoted)"
            text: "Hello [<script>alert(2)</script>] \(quoted)"
            ```

            ```phrases
            - instead: "\(quoted)"
              say: "[x](javascript:alert(1))"
            ```

            """,
            "data/risks.csv":
                "risk,likelihood,impact,owner,mitigation\n\"<script>alert(3)</script> \"\"q\"\" ' &\",3,3,\"<b>x</b>\",javascript:alert(1)\n",
        ])
        try site.write("content/<b>&'\" javascript:x.md", "No title here.\n")
        let result = site.build()
        XCTAssertTrue(result.succeeded, "\(result.diagnostics)")
        let files = snapshot(of: site.output)
        XCTAssertGreaterThan(files.count, 5)
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(text.contains("<script>alert"), "\(path) has a raw <script> from content")
            XCTAssertFalse(text.contains("</script>alert"), path)
            XCTAssertFalse(text.contains("<b>x</b>"), "\(path) has raw HTML from a data file")
            for attribute in ["href=\"javascript:", "src=\"javascript:", "href='javascript:"] {
                XCTAssertFalse(text.lowercased().contains(attribute), "\(path) links to javascript:")
            }
            if path.hasSuffix(".xml") {
                XCTAssertNotNil(XMLDocumentCheck.wellFormed(data), "\(path) is not well-formed XML")
            }
        }
        let page = String(decoding: try XCTUnwrap(files["page.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&quot;x&#39;&amp;&quot;)&lt;/script&gt;"), "the title is shown as text")
        let search = String(decoding: try XCTUnwrap(files["search-index.js"]), as: UTF8.self)
        XCTAssertTrue(
            search.contains("\\u003cscript\\u003ealert(\\\"x'\\u0026\\\")\\u003c\\/script\\u003e"), "the search index keeps the text, escaped")
        let feed = String(decoding: try XCTUnwrap(files["feed.xml"]), as: UTF8.self)
        XCTAssertTrue(feed.contains("&lt;script&gt;"))
        let dashboard = String(decoding: try XCTUnwrap(files["dashboard.html"]), as: UTF8.self)
        XCTAssertTrue(
            dashboard.contains("<th scope=\"row\">&lt;script&gt;alert(&quot;x&#39;&amp;&quot;)&lt;/script&gt;"), "a KPI name on the dashboard is text"
        )
        XCTAssertTrue(dashboard.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), "a risk from a data file on the dashboard is text")
        let report = try XCTUnwrap(StatusReport(options: BuildOptions(root: site.root)).render(.html).text)
        XCTAssertFalse(report.contains("<script>alert"))
        XCTAssertTrue(report.contains("<h1>&lt;script&gt;alert(&quot;x&#39;&amp;&quot;)&lt;/script&gt;"))
    }

    /// Text inlined in the export's `<script>` and `<style>` cannot close its element early, whatever
    /// the case of the tag; everything else is kept byte for byte.
    func testInlinedScriptCannotCloseItsElement() {
        let script = "a</script>b</SCRIPT >c</ScRiPt\n</scripts é</scrip <</script"
        XCTAssertEqual(
            ExportBuilder.inlineSafe(script, closing: "</script"), "a<\\/script>b<\\/script >c<\\/script\n<\\/scripts é</scrip <<\\/script")
        XCTAssertEqual(ExportBuilder.inlineSafe("p{}</STYLE></style", closing: "</style"), "p{}<\\/style><\\/style")
        let plain = "no closing tag here: </div> é 😀 </scrip"
        XCTAssertEqual(ExportBuilder.inlineSafe(plain, closing: "</script"), plain)
        XCTAssertEqual(ExportBuilder.inlineSafe("", closing: "</script"), "")
    }
}

/// Well-formedness through Foundation's XML parser.
enum XMLDocumentCheck {
    static func wellFormed(_ data: Data) -> Bool? {
        #if canImport(FoundationXML)
            let parser = FoundationXML.XMLParser(data: data)
        #else
            let parser = XMLParser(data: data)
        #endif
        return parser.parse() ? true : nil
    }
}
