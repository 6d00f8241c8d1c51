import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Everything read from `content/`: Markdown pages, assets to copy, and what was skipped.
public struct LoadedContent: Sendable {
    public var pages: [SourceFile] = []
    /// Pages the loader did not read because the cache already holds them unchanged (see `reuse`).
    public var unchangedPages: [(path: String, signature: FileSignature)] = []
    /// The signature of every page file read, by path, for the cache.
    public var signatures: [String: FileSignature] = [:]
    /// Images and PDFs beside the pages, copied to the same place in the output.
    public var assets: [SourceFile] = []
    public var diagnostics: [Diagnostic] = []
}

/// Reads `content/` from disk. Never follows symbolic links and never opens anything but regular files.
public struct ContentLoader: Sendable {
    public var root: URL
    /// Files larger than this are refused rather than read.
    public var maxFileSize = 32 << 20

    /// File endings copied from `content/` as assets.
    public static let assetExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "pdf",
    ]

    /// Asked for each page before reading it: true means the caller's cached copy is current.
    public var reuse: (@Sendable (String, FileSignature) -> Bool)?

    public init(root: URL) { self.root = root }

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
        walk(contentURL, relative: "content", into: &content)
        return content
    }

    private func walk(_ folder: URL, relative: String, into content: inout LoadedContent) {
        // Swift compares strings by canonical equivalence, so `café` written precomposed and decomposed
        // are one key everywhere after this; the second such name is refused here.
        var seen: [String: String] = [:]
        for name in FileTree.sortedNames(in: folder) {
            // Dot files and folders (.git, .DS_Store, editor swap files) are never content.
            if name.hasPrefix(".") { continue }
            if let other = seen[name] {
                content.diagnostics.append(
                    .error(
                        "\(relative)/\(name)", "this name differs from \(relative)/\(other) only in its Unicode normalisation; rename one"))
                continue
            }
            seen[name] = name
            let url = folder.appendingPathComponent(name, isDirectory: false)
            let path = "\(relative)/\(name)"
            switch FileTree.kind(of: url) {
            case .directory:
                walk(url, relative: path, into: &content)
            case .symbolicLink:
                content.diagnostics.append(FileTree.linkSkipped(path))
            case .other:
                if name.hasSuffix(".md") {
                    content.diagnostics.append(.warning(path, "not a regular file (a pipe or device?); skipped"))
                }
            case .file(let size, let signature):
                let ext = (name as NSString).pathExtension.lowercased()
                let isPage = name.hasSuffix(".md") && name.count > 3
                guard isPage || Self.assetExtensions.contains(ext) else { continue }
                guard size <= maxFileSize else {
                    content.diagnostics.append(.error(path, "file is \(size) bytes; the limit is \(maxFileSize)"))
                    continue
                }
                if isPage, let reuse, reuse(path, signature) {
                    content.unchangedPages.append((path, signature))
                    continue
                }
                guard let data = FileReading.contents(of: url.path) else {
                    content.diagnostics.append(.error(path, "could not read the file"))
                    continue
                }
                let file = SourceFile(path: path, data: data)
                if isPage {
                    content.pages.append(file)
                    content.signatures[path] = signature
                } else {
                    content.assets.append(file)
                }
            case .missing:
                continue
            }
        }
    }
}

/// Small, link-aware helpers over the file system.
enum FileTree {
    enum Kind: Equatable {
        case file(size: Int, signature: FileSignature)
        case directory, symbolicLink, other, missing
    }

    /// What is at `url`, without following a symbolic link. Uses `lstat` directly: Foundation's
    /// `attributesOfItem` also reads extended attributes and resolves the owner's name for every file.
    static func kind(of url: URL) -> Kind {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let signature = FileSignature(
                size: Int(info.st_size), modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
                inode: Int(info.st_ino))
            return .file(size: Int(info.st_size), signature: signature)
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Signatures of the regular files below `folder` (links and dot files skipped, the folder itself
    /// too when it is a link), keyed `prefix/relative path`: what a no-op check compares.
    static func signatures(below folder: URL, prefix: String) -> [String: FileSignature] {
        var result: [String: FileSignature] = [:]
        guard kind(of: folder) == .directory else { return result }
        for name in sortedNames(in: folder) where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            switch kind(of: url) {
            case .directory: result.merge(signatures(below: url, prefix: "\(prefix)/\(name)")) { a, _ in a }
            case .file(_, let signature): result["\(prefix)/\(name)"] = signature
            default: continue
            }
        }
        return result
    }

    static func sortedNames(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// A regular file found by `regularFiles`.
    struct Entry {
        var path: String
        var url: URL
        var signature: FileSignature
    }

    /// Every regular file below `folder`, sorted, dot files skipped. Symbolic links are never followed,
    /// the folder itself included: each one is reported as a warning at `display/relative path`.
    static func regularFiles(below folder: URL, display: String, warnings: inout [Diagnostic]) -> [Entry] {
        switch kind(of: folder) {
        case .directory: break
        case .symbolicLink:
            warnings.append(linkSkipped(display))
            return []
        default: return []
        }
        var files: [Entry] = []
        walk(folder, prefix: "", display: display, into: &files, warnings: &warnings)
        return files
    }

    private static func walk(_ folder: URL, prefix: String, display: String, into files: inout [Entry], warnings: inout [Diagnostic]) {
        for name in sortedNames(in: folder) where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            let path = prefix.isEmpty ? name : "\(prefix)/\(name)"
            switch kind(of: url) {
            case .directory: walk(url, prefix: path, display: display, into: &files, warnings: &warnings)
            case .file(_, let signature): files.append(Entry(path: path, url: url, signature: signature))
            case .symbolicLink: warnings.append(linkSkipped("\(display)/\(path)"))
            default: continue
            }
        }
    }

    /// The one rule for every input folder: a symbolic link is skipped, with a warning naming it.
    static func linkSkipped(_ path: String) -> Diagnostic {
        .warning(path, "symbolic link skipped: Playbook never follows links in a site's folders (copy the file or folder instead)")
    }
}

/// What `lstat` says about a file: enough to tell that it has not changed since the last build.
public struct FileSignature: Hashable, Sendable {
    public var size: Int
    /// Modification time in nanoseconds since 1970.
    public var modified: Int
    public var inode: Int

    public init(size: Int, modified: Int, inode: Int) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }
}
