/// A construct cmark core does not know (pipe tables, footnotes, callouts), built on the tree right
/// after parsing and before its nodes are collected, so that links, strikethrough and code inside it
/// are handled like everywhere else. `MarkdownRenderer.syntaxExtensions` lists them, in order.
protocol MarkdownSyntax {
    /// A cheap test on the whole source: false skips the extension (most pages have no tables).
    func mayOccur(in source: String) -> Bool
    func rewrite(_ document: CmarkDocument, settings: SyntaxSettings)
}

/// What syntax extensions need from the caller.
struct SyntaxSettings {
    /// Put before every id an extension gives out (`p3-` inside a one-file export).
    var idPrefix = ""
    /// Where a wikilink points (`MarkdownHooks.resolveWikilink`).
    var resolveWikilink: ((Wikilink) -> String?)?
    /// The note an embed shows (`MarkdownHooks.embedNote`).
    var embedNote: ((Wikilink) -> NoteEmbed?)?
    /// The notes being shown, outermost first (the page itself, then each embed inside it).
    var embedChain: [String] = []

    init(idPrefix: String = "", hooks: MarkdownHooks) {
        self.idPrefix = idPrefix
        resolveWikilink = hooks.resolveWikilink
        embedNote = hooks.embedNote
        embedChain = hooks.pagePath.isEmpty ? [] : [hooks.pagePath]
    }

    init(idPrefix: String = "") { self.idPrefix = idPrefix }
}
