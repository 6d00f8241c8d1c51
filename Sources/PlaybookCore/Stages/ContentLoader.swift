import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads `content/` from disk. Never follows symbolic links and never opens anything but regular files.
public struct ContentLoader: Sendable {
    public var root: URL
    /// Files larger than this are refused rather than read.
    public var maxFileSize = 32 << 20

    /// File endings copied from `content/` as assets.
    public static let assetExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "pdf",
    ]

    /// Asked for each page before reading it: the cache's record of it when its cached copy is current.
    var reuse: (@Sendable (String, FileSignature) -> BuildCache.PageRecord?)?
    /// Signatures of the files (`content/…`) as the build read them a moment ago: not stated again.
    var known: [String: FileSignature] = [:]
    /// Reads the files on all cores (a large site's files are read after the walk, in parallel).
    var parallel = Parallel()

    /// A file the walk found to read: its path in the site, on disk, and what it is.
    private struct Pending {
        var path: String
        var full: String
        var isPage: Bool
        var signature: FileSignature
    }

    public init(root: URL) { self.root = root }

    /// A loader that skips the pages `cache` holds unchanged (same file signature): a page the cache
    /// has in memory, or one its manifest says is stored (its pages may still be being read).
    init(root: URL, reusing cache: BuildCache?) {
        self.root = root
        guard let cache else { return }
        let (records, rendered) = (cache.pages, cache.rendered)
        reuse = { path, signature in
            guard let record = records[path], record.signature == signature else { return nil }
            return record.stored != nil || rendered.index(forKey: path) != nil ? record : nil
        }
    }

    /// Walks `content/` in a stable (sorted) order.
    public func load() -> LoadedContent {
        var content = LoadedContent()
        let contentURL = root.appendingPathComponent("content")
        if FileTree.kind(of: contentURL) == .symbolicLink {
            content.diagnostics.append(FileTree.linkSkipped("content"))
        }
        guard FileTree.kind(of: contentURL) == .directory else {
            content.diagnostics.append(.error("content", "no content/ folder in \(root.path)"))
            return content
        }
        let descriptor = open(contentURL.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            content.diagnostics.append(.error("content", "could not read the folder"))
            return content
        }
        var pending: [Pending] = []
        walk(descriptor, contentURL.path, relative: "content", into: &content, reading: &pending)
        // The walk's order (sorted) is kept: the files are read in parallel, then placed in order.
        for (file, data) in zip(pending, parallel.map(pending) { FileReading.contents(of: $0.full) }) {
            guard let data else {
                content.diagnostics.append(.error(file.path, "could not read the file"))
                continue
            }
            if file.isPage {
                content.pages.append(SourceFile(path: file.path, data: data))
                content.signatures[file.path] = file.signature
            } else {
                content.assets.append(SourceFile(path: file.path, data: data))
            }
        }
        return content
    }

    /// Reads the folder open at `descriptor` (and closes it), stating each entry relative to it: no
    /// path is walked again for each of a large site's files.
    private func walk(_ descriptor: Int32, _ folder: String, relative: String, into content: inout LoadedContent, reading pending: inout [Pending]) {
        defer { close(descriptor) }
        // Swift compares strings by canonical equivalence, so `café` written precomposed and decomposed
        // are one key everywhere after this; the second such name is refused here.
        var seen: [String: String] = [:]
        let known = self.known
        let entries = FileTree.entries(inFolder: descriptor, known: { known.isEmpty ? nil : known[relative + "/" + $0] })
        seen.reserveCapacity(entries.count)
        for (name, kind) in entries {
            // Dot files and folders (.git, .DS_Store, editor swap files) are never content.
            if name.hasPrefix(".") { continue }
            if let other = seen[name] {
                content.diagnostics.append(
                    .error(
                        "\(relative)/\(name)", "this name differs from \(relative)/\(other) only in its Unicode normalisation; rename one"))
                continue
            }
            seen[name] = name
            let path = relative + "/" + name
            switch kind {
            case .directory:
                let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 { walk(child, folder + "/" + name, relative: path, into: &content, reading: &pending) }
            case .symbolicLink:
                content.diagnostics.append(FileTree.linkSkipped(path))
            case .other:
                if MarkdownFileName.matches(name) {
                    content.diagnostics.append(.warning(path, "not a regular file (a pipe or device?); skipped"))
                }
            case .file(let size, let signature):
                let isPage = MarkdownFileName.matches(name)
                guard isPage || Self.assetExtensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
                guard size <= maxFileSize else {
                    content.diagnostics.append(.error(path, "file is \(size) bytes; the limit is \(maxFileSize)"))
                    continue
                }
                if isPage, let reuse, let record = reuse(path, signature) {
                    content.unchangedPages.append((path, signature))
                    content.unchangedRecords.append(record)
                    continue
                }
                pending.append(Pending(path: path, full: folder + "/" + name, isPage: isPage, signature: signature))
            case .missing:
                continue
            }
        }
    }
}
