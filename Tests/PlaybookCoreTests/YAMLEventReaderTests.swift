import Foundation
import XCTest

@testable import PlaybookCore

/// The reader over libyaml's events gives what Yams' composer gives, and leaves to Yams what it does not take.
final class YAMLEventReaderTests: XCTestCase {
    let reader = YAMLReader()
    var events: YAMLEventReader { YAMLEventReader(maxNodes: reader.maxNodes, maxDepth: reader.maxDepth) }

    /// Asserts that `yaml` reads the same through `read` (events first) as through Yams alone.
    func assertSame(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) {
        let tagged = yaml.contains("!")
        XCTAssertEqual(reader.read(yaml), reader.composed(yaml, tagged: tagged), yaml.debugDescription, file: file, line: line)
    }

    func testPlainDocumentsAreTakenAndReadAsYamsReadsThem() throws {
        let documents = [
            "", "   \n", "# only a comment\n", "---\n", "--- 5\n", "a: 1\n", "a:\n", "a: ~\nb: null\nc: Null\n",
            "title: \"Quoted: 12\"\nn: 12\nf: 1.5e3\nb: yes\no: off\nhex: 0x1F\ns: '007'\n",
            "list: [1, two, \"3\", {k: v}]\nmap: {a: 1, b: [x, y]}\n",
            "owners:\n  - name: Owner 11\n    role: lead\n  - name: Owner 3\n    role: reviewer\n",
            "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\nkeep: |+\n  x\n\n",
            "- 1\n- - 2\n  - 3\n- {a: [4]}\n", "date: 2026-01-10\ntime: 12:30\nurl: https://example.org/a?b=c#d\n",
            "key with spaces: value, with comma\n\"quoted key\": 1\n'single': 2\n? complex plain\n: value\n",
            "unicode: café 東京\nempty: \"\"\nnul: \"a\\0b\"\ntab: \"a\\tb\"\n", "%YAML 1.1\n---\na: 1\n...\n",
            "a: 1\r\nb: 2\r\n", "\u{FEFF}a: 1\n",
        ]
        for yaml in documents {
            XCTAssertNotNil(events.read(yaml), "not taken: \(yaml.debugDescription)")
            assertSame(yaml)
        }
        let node = try XCTUnwrap(reader.read("a: 1\nb:\n  - \"x\"\n  - y\n").get())
        XCTAssertEqual(node.line, 1)
        guard case .mapping(let pairs) = node.kind, case .sequence(let items) = pairs[1].value.kind else { return XCTFail("\(node)") }
        XCTAssertEqual(pairs.map(\.key), ["a", "b"])
        XCTAssertEqual(pairs[0].value.kind, .scalar("1", .int))
        XCTAssertEqual(items.map(\.kind), [.scalar("x", .string), .scalar("y", .string)])
        XCTAssertEqual(items.map(\.line), [3, 4])
    }

    func testIntegersReadWithAndWithoutDigitSeparators() {
        let cases: [(String, Int?)] = [("12", 12), ("1_000", 1000), ("-3", -3), ("+4", 4), ("1__2", 12), ("0", 0), ("_", nil)]
        for (text, value) in cases { XCTAssertEqual(YAMLNode(kind: .scalar(text, .int), line: 1).int, value, text) }
        XCTAssertNil(YAMLNode(kind: .scalar("12", .string), line: 1).int, "only an int scalar has an integer value")
    }

    func testWhatIsNotPlainIsLeftToYams() {
        let documents = [
            "a: &x 1\nb: *x\n", "a: *missing\n", "a: 1\na: 2\n", "a: 1\n\"a\": 2\n", "--- 1\n--- 2\n", "a: [1, 2\n",
            "a: b: c\n", "[1]: x\n", "{a: 1}: x\n", "a:\n\t- 1\n", "a: \"unterminated\n", "a: @x\n", "a: \u{1B}\n",
            String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
            "[" + Array(repeating: "1", count: 100_001).joined(separator: ",") + "]",
        ]
        for yaml in documents {
            XCTAssertNil(events.read(yaml), "taken: \(yaml.prefix(60).debugDescription)")
            assertSame(yaml)
        }
        // Tagged text never reaches the events (`read` checks for `!` first); the same answers either way.
        for yaml in ["a: !!str 5\n", "a: !!python/object x\n", "a: ! 5\n", "a: \"!\"\n"] { assertSame(yaml) }
    }

    func testEveryYAMLOfTheRepositoryReadsTheSame() throws {
        // Front matter, playbook.yml and data files of the example playbook and every fixture.
        let root = repositoryRoot()
        var yamls: [String] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            let path = url.path
            if path.contains("/.build") || path.contains("/.git/") || path.contains("/public/") { continue }
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            if url.pathExtension == "yml" || url.pathExtension == "yaml" {
                yamls.append(text)
            } else if url.pathExtension == "md" {
                if text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) {
                    yamls.append(String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound]) + "\n")
                }
                // The bodies of generated blocks (```kpi … ```), found line by line.
                var body: [Substring]?
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    if let lines = body {
                        if line == "```" {
                            yamls.append(lines.joined(separator: "\n") + "\n")
                            body = nil
                        } else {
                            body = lines + [line]
                        }
                    } else if ["```kpi", "```checklist", "```risks", "```priorities", "```cadence", "```script", "```phrases"].contains(line) {
                        body = []
                    }
                }
            }
        }
        XCTAssertGreaterThan(yamls.count, 60)
        var taken = 0
        for yaml in yamls {
            if !yaml.contains("!"), events.read(yaml) != nil { taken += 1 }
            assertSame(yaml)
        }
        XCTAssertGreaterThan(taken, yamls.count / 2, "the events took \(taken) of \(yamls.count)")
    }

    func testRandomDocumentsReadTheSame() {
        var generator = SystemRandomNumberGenerator()
        let scalars = [
            "1", "-2", "0x1F", "0o17", "1_000", "1.5", ".inf", "-.Inf", ".nan", "1e3", "true", "False", "yes", "NO", "on", "Off", "~", "null",
            "", "text", "two words", "2026-01-10", "12:30", "a#b", "café", "東京", "<b>", "50%", "x: y", "- x", "#c", "'q'", "\"dq\"", "a\\b",
        ]
        func scalar() -> String {
            let text = scalars.randomElement(using: &generator)!
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            case 1: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            default: return text
            }
        }
        func flow(_ depth: Int) -> String {
            switch Int.random(in: 0..<(depth > 2 ? 1 : 3), using: &generator) {
            case 1: return "[" + (0..<Int.random(in: 0...3, using: &generator)).map { _ in flow(depth + 1) }.joined(separator: ", ") + "]"
            case 2: return "{" + (0..<Int.random(in: 0...3, using: &generator)).map { "k\($0): " + flow(depth + 1) }.joined(separator: ", ") + "}"
            default: return scalar()
            }
        }
        func block(_ indent: String, _ depth: Int) -> String {
            var lines: [String] = []
            let keys = Array(["a", "b", "title", "a", "n", "list"].shuffled(using: &generator).prefix(Int.random(in: 1...4, using: &generator)))
            for key in keys {
                switch Int.random(in: 0..<(depth > 2 ? 2 : 4), using: &generator) {
                case 0: lines.append("\(indent)\(key): \(scalar())")
                case 1: lines.append("\(indent)\(key): \(flow(depth))")
                case 2:
                    lines.append("\(indent)\(key):")
                    for _ in 0..<Int.random(in: 1...3, using: &generator) { lines.append("\(indent)  - \(scalar())") }
                default:
                    lines.append("\(indent)\(key):")
                    lines.append(block(indent + "  ", depth + 1))
                }
            }
            return lines.joined(separator: "\n")
        }
        var taken = 0
        for _ in 0..<2000 {
            let yaml = block("", 0) + "\n"
            if !yaml.contains("!"), events.read(yaml) != nil { taken += 1 }
            assertSame(yaml)
        }
        XCTAssertGreaterThan(taken, 500)
    }
}
