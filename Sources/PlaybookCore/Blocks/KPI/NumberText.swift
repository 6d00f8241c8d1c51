#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Locale-independent number text: integers without a decimal point, others with up to four decimals.
enum NumberText {
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        if let text = nearlyTenThousandths(value) { return text }
        var text = fixed(value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `format(value)` without the C library, for a value within a thousandth of a whole number of
    /// ten-thousandths (a sparkline's coordinates, most figures): `%.4f` rounds such a value to that
    /// number, a tie being half a ten-thousandth away. Nil for any other value.
    static func nearlyTenThousandths(_ value: Double) -> String? {
        let scaled = value * 10_000
        let nearest = scaled.rounded()
        guard abs(nearest) < 1e15, abs(scaled - nearest) < 1e-3 else { return nil }
        let units = Int64(abs(nearest))
        var text = value < 0 ? "-" : ""
        text += String(units / 10_000)
        var fraction = units % 10_000
        guard fraction != 0 else { return text }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let written = String(fraction)
        return text + "." + String(repeating: "0", count: digits - written.count) + written
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
