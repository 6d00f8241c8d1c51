/// The callout types Playbook knows: GitHub's five alerts and Obsidian's types with their aliases.
enum CalloutType {
    /// Written name (lowercased) → the type whose colour and icon it takes.
    static let canonical: [String: String] = [
        "note": "note", "tip": "tip", "hint": "tip", "important": "important", "warning": "warning", "caution": "caution",
        "attention": "warning", "abstract": "abstract", "summary": "abstract", "tldr": "abstract", "info": "info", "todo": "todo",
        "success": "success", "check": "success", "done": "success", "question": "question", "help": "question",
        "faq": "question", "failure": "failure", "fail": "failure", "missing": "failure", "danger": "danger", "error": "danger",
        "bug": "bug", "example": "example", "quote": "quote", "cite": "quote",
    ]

    /// The label shown when the callout has no title of its own.
    static func label(_ written: String) -> String {
        switch written.lowercased() {
        case "faq": return "FAQ"
        case "tldr": return "TL;DR"
        case "todo": return "To do"
        default: return written.prefix(1).uppercased() + written.dropFirst().lowercased()
        }
    }
}
