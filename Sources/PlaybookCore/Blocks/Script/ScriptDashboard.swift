/// Fill-in scripts have no figures: the dashboard points to the pages that have them.
struct ScriptDashboard: PagePointerPart {
    static let listName = "scripts"
    static func counts(_ blocks: PageBlocks) -> Bool { !blocks[ScriptEntry.self].isEmpty }
    var pages: [SiteBlocks.Page]
}
