import CCmark

/// Options that change how cmark parses and renders a document.
public struct MarkdownOptions: OptionSet, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Curly quotes, en and em dashes and ellipses (`CMARK_OPT_SMART`).
    public static let smartPunctuation = MarkdownOptions(rawValue: 1 << 0)
    /// Keep raw HTML and unsafe link schemes (`CMARK_OPT_UNSAFE`); off by default.
    public static let allowRawHTML = MarkdownOptions(rawValue: 1 << 1)

    /// The cmark option bits for these options; invalid UTF-8 is always replaced.
    var cmarkValue: Int32 {
        var bits = CMARK_OPT_VALIDATE_UTF8
        if contains(.smartPunctuation) { bits |= CMARK_OPT_SMART }
        if contains(.allowRawHTML) { bits |= CMARK_OPT_UNSAFE }
        return bits
    }
}
