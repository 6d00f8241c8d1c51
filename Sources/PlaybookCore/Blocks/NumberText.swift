#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Locale-independent number text: integers without a decimal point, others with up to four decimals.
enum NumberText {
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = fixed(value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `value` with four decimals, as C's `%.4f` writes it (in the C locale Swift programs run in).
    /// The C library's own `vsnprintf`, not Foundation's `String(format:)`, which gives the same text
    /// by way of an `NSString` (a KPI's sparkline formats a dozen numbers).
    static func fixed(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress!, 64, "%.4f", $0) }
            // A value too large for the buffer (above about 1e59) is written in full on the heap.
            if written >= 64 {
                var large = [CChar](repeating: 0, count: Int(written) + 1)
                _ = withVaList([value]) { vsnprintf(&large, large.count, "%.4f", $0) }
                return String(cString: large)
            }
            return String(cString: buffer.baseAddress!)
        }
    }
}
