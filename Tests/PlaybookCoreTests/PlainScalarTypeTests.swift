import Foundation
import XCTest
import Yams

@testable import PlaybookCore

/// `PlainScalarType` must give exactly the type Yams' (regular-expression) resolver gives.
final class PlainScalarTypeTests: XCTestCase {
    func yams(_ text: String) -> YAMLNode.ScalarType {
        switch YAMLReader.resolver.resolveTag(of: Node.scalar(Node.Scalar(text))) {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        default: return .string
        }
    }

    func testHandPickedScalars() {
        let samples = [
            "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "on", "Off", "OFF", "y", "n", "true", "tRue", "false",
            "0", "00", "09", "012", "0o17", "0o", "0b101", "0b", "0b2", "0x1F", "0xg", "0x", "+1", "-0", "1_000", "_1", "1__", "1:30", "1:3",
            "1:60", "1:300", "0:30", "190:20:30", "1:30.5", "1:30:", "1.5", "1.", ".5", ".5e+3", ".5e3", "1e5", "1e", "1e+", "1E-5",
            "+.inf", "-.Inf", ".INF", ".inf", ".nan", ".NaN", "-.nan", ".NAN", "inf", "1.2.3", "12ms", "< 200ms", "99.9%", "2026-12-01",
            "v1.2", "-", "+", ".", "..", "1-2", "Owner 5", "Page 0: thing", "0.5.", "1_.5", "0b1_0", "-0x_", "+0o_", "1:2:3:4",
        ]
        for sample in samples {
            XCTAssertEqual(PlainScalarType.of(sample), yams(sample), "'\(sample)'")
        }
    }

    func testRandomScalarsFromTheInterestingBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789+-._:eExXoObBaAfFinINuUlLtTrRsSyY~ %".utf8)
        var checked = 0
        for _ in 0..<40_000 {
            let length = Int.random(in: 0...7, using: &generator)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            XCTAssertEqual(PlainScalarType.of(text), yams(text), "'\(text)'")
            checked += 1
        }
        XCTAssertEqual(checked, 40_000)
    }

    func testTheReaderGivesTheSameTypesWithAndWithoutTags() throws {
        // With a `!` anywhere the reader takes Yams' own resolution; the types must not change.
        let yaml = "a: 12\nb: '12'\nc: yes\nd: 1.5\ne: ~\nf: text\ng: 0o17\nh: \"true\"\n"
        let plain = try YAMLReader().read(yaml).get()
        let tagged = try YAMLReader().read(yaml + "i: !!str 5\n").get()
        XCTAssertEqual(plain?.mapping?.map(\.value), Array(tagged?.mapping?.map(\.value).dropLast() ?? []))
        XCTAssertEqual(tagged?["i"]?.kind, .scalar("5", .string))
        XCTAssertEqual(plain?["a"]?.kind, .scalar("12", .int))
        XCTAssertEqual(plain?["b"]?.kind, .scalar("12", .string))
    }
}
