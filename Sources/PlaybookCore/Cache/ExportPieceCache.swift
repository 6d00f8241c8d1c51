import Foundation

/// The export's copies of the pages as the last build made them (`.playbook-cache/export.bin`, mapped),
/// each by a key of everything it depends on: its source file and the build's environment (what the
/// site's page cache goes by), its anchor, where each of its links points in the file, the images and
/// whether highlighting ran. After a one-page edit the export renders one copy again and streams the
/// others from the file. The template's text around the copies is kept there too
/// (`ExportBuilder.Skeleton`), by the site's titles, configuration and dashboard.
public struct ExportPieceCache: @unchecked Sendable {
    static let formatVersion = "playbook-export-1"
    static let fileName = "export.bin"

    let folder: URL
    /// A digest of what the export's text around the pages depends on besides the titles: the
    /// environment (configuration, theme, build date) and the dashboard's items.
    let site: UInt64
    /// A digest of a page's source file (its signature) and of the build's environment, by the
    /// source's path; nil for a page the cache does not know (its copy is made, not kept).
    let source: (String) -> UInt64?

    /// The last build's copies.
    func load() -> KeyedBlobs? {
        guard let file = KeyedBlobs(path: folder.appendingPathComponent(Self.fileName).path), file.header == Self.formatVersion else { return nil }
        return file
    }

    /// Keeps this build's entries (and only them), unless they are the last build's already.
    func save(_ entries: [(key: UInt64, entry: KeyedBlobs.Entry)], last: KeyedBlobs?) {
        let unchanged =
            entries.count == last?.count
            && entries.allSatisfy { if case .stored = $0.entry { return true } else { return false } }
        guard !unchanged else { return }
        KeyedBlobs.write(header: Self.formatVersion, entries: entries, in: folder, name: Self.fileName)
    }
}
