import Foundation

/// Every checklist item of a site by page and id: what a tick from a browser is written into.
public struct TickIndex: Sendable {
    private var targets: [String: TickTarget] = [:]
    /// Files that had changed since the build read them: their items have no line text.
    public private(set) var unreadFiles: Set<String> = []

    /// The items of `site`, with their lines as the files under `root` hold them now. `inputs` are the
    /// file signatures the build saw before reading: a file that has changed since gets no line text,
    /// so that no tick is written by the build's (older) line numbers.
    public init(site: SiteBlocks, root: URL, inputs: [String: FileSignature]) {
        var files: [String: TextLines?] = [:]
        for page in site.pages {
            for list in page.blocks[ChecklistEntry.self] {
                for item in list.items where !item.location.file.isEmpty {
                    let file = item.location.file
                    if files[file] == nil {
                        let url = root.appendingPathComponent(file)
                        let unchanged: Bool
                        if case .file(_, let signature) = FileTree.kind(of: url) { unchanged = inputs[file] == signature } else { unchanged = false }
                        files.updateValue(unchanged ? FileReading.contents(of: url.path).flatMap(TextLines.init) : nil, forKey: file)
                        if !unchanged { unreadFiles.insert(file) }
                    }
                    let text = files[file]??.content(item.location.line)
                    targets[Self.key(page.path, item.id)] = TickTarget(
                        page: page.path, item: item.id, file: file, line: item.location.line, done: item.done, lineText: text, itemText: item.text)
                }
            }
        }
    }

    /// Reads the site's pages (nothing is written) and indexes their checklist items; nil with the
    /// diagnostics when the site has errors.
    public static func read(options: BuildOptions) -> (TickIndex?, [Diagnostic]) {
        let build = SiteBuild(options: options)
        let inputs = build.inputSignatures()
        let production = build.siteModel()
        guard !production.diagnostics.hasErrors, let site = production.site else { return (nil, production.diagnostics) }
        return (TickIndex(site: site, root: options.root, inputs: inputs), production.diagnostics)
    }

    public var count: Int { targets.count }

    public func target(page: String, item: String) -> TickTarget? { targets[Self.key(page, item)] }

    /// Follows a write of our own, so that the next tick before the rebuild still finds its line.
    public mutating func record(_ outcome: TickOutcome, root: URL) {
        guard case .written(let file, _, let inserted) = outcome else { return }
        let lines = FileReading.contents(of: root.appendingPathComponent(file).path).flatMap(TextLines.init)
        for (key, var target) in targets where target.file == file {
            if let inserted, target.line > inserted { target.line += 1 }
            if target.lineText != nil { target.lineText = lines?.content(target.line) }
            targets[key] = target
        }
    }

    /// Takes `file`'s items from `older` instead: when only our own writes changed the file since the
    /// build read it, the older index (which followed those writes) still knows each item's line.
    public mutating func adopt(_ file: String, from older: TickIndex) {
        targets = targets.filter { $0.value.file != file }
        for (key, target) in older.targets where target.file == file { targets[key] = target }
        unreadFiles.remove(file)
    }

    /// Marks the item's new state after a write.
    public mutating func setDone(_ done: Bool, page: String, item: String) {
        targets[Self.key(page, item)]?.done = done
    }

    private static func key(_ page: String, _ item: String) -> String { page + "\n" + item }
}
