/// Levenshtein distance, for "did you mean" suggestions.
enum EditDistance {
    /// The distance between `a` and `b`, counted in Unicode scalars.
    ///
    /// Every page's own front-matter keys are compared with the known ones, so the scalars and the two
    /// rows of the table live in temporary (stack) buffers rather than four arrays a comparison.
    static func between(_ a: String, _ b: String) -> Int {
        withScalars(of: a) { a in
            withScalars(of: b) { b in
                if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
                return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (b.count + 1)) { rows in
                    var previous = rows.baseAddress!
                    var current = previous + (b.count + 1)
                    for j in 0...b.count { previous[j] = j }
                    for i in 1...a.count {
                        current[0] = i
                        for j in 1...b.count {
                            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                        }
                        swap(&previous, &current)
                    }
                    return previous[b.count]
                }
            }
        }
    }

    /// Calls `body` with the Unicode scalars of `text`, in a temporary buffer.
    private static func withScalars<R>(of text: String, _ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        // No more scalars than UTF-8 bytes.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(text.utf8.count, 1)) { buffer in
            var count = 0
            for scalar in text.unicodeScalars {
                buffer[count] = scalar.value
                count += 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
