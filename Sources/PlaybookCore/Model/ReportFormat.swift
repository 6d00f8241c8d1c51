import Foundation

/// The forms `playbook report` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// One self-contained page (styles inlined) that opens from disk and prints on one sheet.
    case html
    /// Markdown, for a README, an issue or a chat that renders it.
    case md
    /// Plain text, for an email or a chat that does not.
    case text

    /// The theme template that writes it.
    public var template: String {
        switch self {
        case .html: return "report"
        case .md: return "report.md"
        case .text: return "report.txt"
        }
    }

    /// The extension of the file that holds it.
    public var fileExtension: String {
        switch self {
        case .html: return "html"
        case .md: return "md"
        case .text: return "txt"
        }
    }
}
