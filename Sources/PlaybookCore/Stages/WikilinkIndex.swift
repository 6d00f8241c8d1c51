import Foundation
import PlaybookMarkdown

/// Where wikilinks point, found the way Obsidian finds them: by the path from `content/`, else by the
/// file's name anywhere (two files of one name: the one in the linking page's folder, else the one
/// nearest the root, with a warning naming both), else by a page's `aliases:`; case-insensitive, with
/// or without `.md`. A heading is named by its text and linked by its id (GitHub's, as headings get).
struct WikilinkIndex: Sendable {
    /// Content-relative paths (`folder/Note.md`, `images/a.png`) by their lower-cased path, by their
    /// lower-cased file name, and (pages) by their name without `.md`, and pages by alias.
    private var byPath: [String: String] = [:]
    private var byName: [String: [String]] = [:]
    private var byAlias: [String: String] = [:]

    /// `pages` as (content-relative path, aliases), `files` the other content files' paths.
    init(pages: [(path: String, aliases: [String])], files: [String]) {
        byPath.reserveCapacity(pages.count + files.count)
        byName.reserveCapacity(2 * pages.count + files.count)
        for (path, aliases) in pages {
            add(path)
            for alias in aliases where byAlias[alias.lowercased()] == nil { byAlias[alias.lowercased()] = path }
        }
        for file in files { add(file) }
        // A name several files share: nearest the root first, then in path order.
        func depth(_ path: String) -> Int { path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
        for (name, paths) in byName where paths.count > 1 { byName[name] = paths.sorted { (depth($0), $0) < (depth($1), $1) } }
    }

    private mutating func add(_ path: String) {
        let lowered = path.lowercased()
        byPath[lowered] = path
        let name = Self.fileName(lowered)
        byName[name, default: []].append(path)
        if name.hasSuffix(".md") { byName[String(name.dropLast(3)), default: []].append(path) }
    }

    /// The content-relative path `link` names, seen from a page in `folder` (content-relative, "" at
    /// the root); with the other candidates when its name was not unique. Nil when nothing matches.
    func target(of link: Wikilink, from folder: String) -> (path: String, others: [String])? {
        let written = link.target.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        for candidate in [written, written + ".md"] {
            if let path = byPath[candidate] { return (path, []) }
        }
        let name = Self.fileName(written)
        if var found = byName[name], !found.isEmpty {
            // `folder/Note`: only the notes whose path ends that way.
            if written.contains("/") {
                found = found.filter { path in
                    let lowered = path.lowercased()
                    return lowered.hasSuffix("/" + written) || lowered.hasSuffix("/" + written + ".md")
                }
            }
            if let first = found.first {
                // The one in the linking page's folder, if any.
                let here = folder.lowercased()
                let chosen =
                    found.count == 1
                    ? first
                    : found.first { path in (path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? "").lowercased() == here }
                        ?? first
                return (chosen, found.filter { $0 != chosen })
            }
        }
        if let path = byAlias[written] { return (path, []) }
        return nil
    }

    /// The link's destination as a page would write it (`/folder/Note.md#heading`), or nil (the
    /// caller's default, a missing page then reported as a broken link).
    static func destination(path: String?, anchor: String?) -> String? {
        let anchor = anchor.map { "#" + $0 } ?? ""
        guard let path else { return anchor.isEmpty ? nil : anchor }
        return "/" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + anchor
    }

    /// What follows the last `/` (found by byte: `/` is never inside another character).
    static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// `content/folder/Note.md` → `folder/Note.md`.
    static func contentRelative(_ path: String) -> String { path.hasPrefix("content/") ? String(path.dropFirst(8)) : path }

    /// A digest of the aliases (part of what every page's HTML depends on).
    static func aliasDigest(_ pages: [(path: String, aliases: [String])]) -> UInt64 {
        var digest = Digest()
        for (path, aliases) in pages where !aliases.isEmpty {
            digest.add(path)
            for alias in aliases { digest.add(alias) }
        }
        return digest.value
    }
}
