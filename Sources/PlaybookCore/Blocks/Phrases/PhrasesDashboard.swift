/// Phrase lists have no figures: the dashboard points to the pages that have them.
struct PhrasesDashboard: PagePointerPart {
    static let listName = "phrases"
    static func counts(_ blocks: PageBlocks) -> Bool { !blocks[PhrasesEntry.self].isEmpty }
    var pages: [SiteBlocks.Page]
}
