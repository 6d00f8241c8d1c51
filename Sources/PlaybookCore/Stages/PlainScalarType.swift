/// The type YAML's resolver gives a plain (unquoted, untagged) scalar, decided without regular
/// expressions: the same answer as Yams' default rules for bool, int, float and null (tried in that
/// order), written out as code because matching four `NSRegularExpression`s against every scalar of
/// every page's front matter cost more than parsing it. `PlainScalarTypeTests` checks it against Yams'
/// `Resolver` on hand-picked and random strings.
enum PlainScalarType {
    static func of(_ text: String) -> YAMLNode.ScalarType {
        var text = text
        return text.withUTF8 { classify($0) }
    }

    static func classify(_ s: UnsafeBufferPointer<UInt8>) -> YAMLNode.ScalarType {
        // Every pattern is ASCII and starts with one of these bytes (or is empty: null).
        guard let first = s.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "~"),
            UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            break
        default: return .string
        }
        if isBool(s) { return .bool }
        if isInt(s) { return .int }
        if isFloat(s) { return .float }
        if isNull(s) { return .null }
        return .string
    }

    private static func equalsAny(_ s: UnsafeBufferPointer<UInt8>, _ words: [StaticString]) -> Bool {
        words.contains { word in
            word.utf8CodeUnitCount == s.count && (0..<s.count).allSatisfy { word.utf8Start[$0] == s[$0] }
        }
    }

    static func isBool(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        equalsAny(
            s, ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"])
    }

    static func isNull(_ s: UnsafeBufferPointer<UInt8>) -> Bool { s.isEmpty || equalsAny(s, ["~", "null", "Null", "NULL"]) }

    // MARK: A cursor over the bytes

    struct Cursor {
        let s: UnsafeBufferPointer<UInt8>
        var at = 0
        var done: Bool { at == s.count }
        var next: UInt8? { at < s.count ? s[at] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard next == byte else { return false }
            at += 1
            return true
        }

        mutating func take(where test: (UInt8) -> Bool) -> Bool {
            guard let byte = next, test(byte) else { return false }
            at += 1
            return true
        }

        /// Takes bytes while `test` holds; returns how many.
        @discardableResult
        mutating func takeAll(where test: (UInt8) -> Bool) -> Int {
            let start = at
            while let byte = next, test(byte) { at += 1 }
            return at - start
        }

        mutating func sign() { _ = take(UInt8(ascii: "-")) || take(UInt8(ascii: "+")) }

        /// `(?::[0-5]?[0-9])+`: one or more `:` followed by one digit, or two with the first 0–5.
        mutating func sexagesimal() -> Bool {
            var count = 0
            while take(UInt8(ascii: ":")) {
                let start = at
                let digits = takeAll(where: isDigit)
                guard digits == 1 || (digits == 2 && s[start] <= UInt8(ascii: "5")) else { return false }
                count += 1
            }
            return count > 0
        }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isDigitOrUnderscore(_ b: UInt8) -> Bool { isDigit(b) || b == UInt8(ascii: "_") }

    static func isInt(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        // [-+]?0b[0-1_]+
        var c = Cursor(s: s)
        c.sign()
        let afterSign = c
        if c.take(UInt8(ascii: "0")), c.take(UInt8(ascii: "b")), c.takeAll(where: { $0 == 48 || $0 == 49 || $0 == 95 }) > 0, c.done { return true }
        // [-+]?0o?[0-7_]+
        c = afterSign
        if c.take(UInt8(ascii: "0")) {
            _ = c.take(UInt8(ascii: "o"))
            if c.takeAll(where: { ($0 >= 48 && $0 <= 55) || $0 == 95 }) > 0, c.done { return true }
        }
        // [-+]?(?:0|[1-9][0-9_]*)
        c = afterSign
        if c.take(UInt8(ascii: "0")), c.done { return true }
        c = afterSign
        if c.take(where: { $0 >= 49 && $0 <= 57 }) {
            c.takeAll(where: isDigitOrUnderscore)
            if c.done { return true }
        }
        // [-+]?0x[0-9a-fA-F_]+
        c = afterSign
        if c.take(UInt8(ascii: "0")), c.take(UInt8(ascii: "x")),
            c.takeAll(where: { isDigit($0) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) || $0 == 95 }) > 0, c.done
        {
            return true
        }
        // [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
        c = afterSign
        if c.take(where: { $0 >= 49 && $0 <= 57 }) {
            c.takeAll(where: isDigitOrUnderscore)
            if c.sexagesimal(), c.done { return true }
        }
        return false
    }

    static func isFloat(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        // [-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
        var c = Cursor(s: s)
        c.sign()
        let afterSign = c
        if c.take(where: isDigit) {
            c.takeAll(where: isDigitOrUnderscore)
            if c.take(UInt8(ascii: ".")) { c.takeAll(where: isDigitOrUnderscore) }
            if c.done { return true }
            if c.take(UInt8(ascii: "e")) || c.take(UInt8(ascii: "E")) {
                c.sign()
                if c.takeAll(where: isDigit) > 0, c.done { return true }
            }
        }
        // \.[0-9_]+(?:[eE][-+][0-9]+)?   (no sign before it)
        c = Cursor(s: s)
        if c.take(UInt8(ascii: ".")), c.takeAll(where: isDigitOrUnderscore) > 0 {
            if c.done { return true }
            if c.take(UInt8(ascii: "e")) || c.take(UInt8(ascii: "E")), c.take(UInt8(ascii: "-")) || c.take(UInt8(ascii: "+")),
                c.takeAll(where: isDigit) > 0, c.done
            {
                return true
            }
        }
        // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        c = afterSign
        if c.take(where: isDigit) {
            c.takeAll(where: isDigitOrUnderscore)
            if c.sexagesimal(), c.take(UInt8(ascii: ".")) {
                c.takeAll(where: isDigitOrUnderscore)
                if c.done { return true }
            }
        }
        // [-+]?\.(?:inf|Inf|INF)
        c = afterSign
        if c.take(UInt8(ascii: ".")) {
            let rest = UnsafeBufferPointer(rebasing: s[c.at...])
            if equalsAny(rest, ["inf", "Inf", "INF"]) { return true }
        }
        // \.(?:nan|NaN|NAN)
        return equalsAny(s, [".nan", ".NaN", ".NAN"])
    }
}
