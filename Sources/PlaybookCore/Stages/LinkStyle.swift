import Foundation
import PlaybookMarkdown

/// How links between pages are written.
public enum LinkStyle: Sendable {
    /// Relative URLs between output files (the normal site).
    case relative
    /// Anchors inside one exported file: output path → anchor of that page, images inlined as `data:` URIs.
    /// `headings` (output path → heading ids) lets a link to a heading that does not exist (already
    /// warned about) land on its page instead of nowhere.
    case singleFile(anchors: [String: String], images: [String: Data], headings: [String: Set<String>])
}
