import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Everything read from `content/`: Markdown pages, assets to copy, and what was skipped.
public struct LoadedContent: Sendable {
    public var pages: [SourceFile] = []
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

    public init(root: URL) { self.root = root }

    /// Walks `content/` in a stable (sorted) order.
    public func load() -> LoadedContent {
        var content = LoadedContent()
        let contentURL = root.appendingPathComponent("content")
        guard FileTree.kind(of: contentURL) == .directory else {
            content.diagnostics.append(.error("content", "no content/ folder in \(root.path)"))
            return content
        }
        walk(contentURL, relative: "content", into: &content)
        return content
    }

    private func walk(_ folder: URL, relative: String, into content: inout LoadedContent) {
        for name in FileTree.sortedNames(in: folder) {
            // Dot files and folders (.git, .DS_Store, editor swap files) are never content.
            if name.hasPrefix(".") { continue }
            let url = folder.appendingPathComponent(name, isDirectory: false)
            let path = "\(relative)/\(name)"
            switch FileTree.kind(of: url) {
            case .directory:
                walk(url, relative: path, into: &content)
            case .symbolicLink:
                content.diagnostics.append(
                    .warning(path, "symbolic link skipped: Playbook does not follow links inside content/"))
            case .other:
                if name.hasSuffix(".md") {
                    content.diagnostics.append(.warning(path, "not a regular file (a pipe or device?); skipped"))
                }
            case .file(let size):
                let ext = (name as NSString).pathExtension.lowercased()
                let isPage = name.hasSuffix(".md") && name.count > 3
                guard isPage || Self.assetExtensions.contains(ext) else { continue }
                guard size <= maxFileSize else {
                    content.diagnostics.append(.error(path, "file is \(size) bytes; the limit is \(maxFileSize)"))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    content.diagnostics.append(.error(path, "could not read the file"))
                    continue
                }
                let file = SourceFile(path: path, data: data)
                if isPage { content.pages.append(file) } else { content.assets.append(file) }
            case .missing:
                continue
            }
        }
    }
}

/// Small, link-aware helpers over the file system.
enum FileTree {
    enum Kind: Equatable {
        case file(size: Int)
        case directory, symbolicLink, other, missing
    }

    /// What is at `url`, without following a symbolic link. Uses `lstat` directly: Foundation's
    /// `attributesOfItem` also reads extended attributes and resolves the owner's name for every file.
    static func kind(of url: URL) -> Kind {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    static func sortedNames(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// Every regular file below `folder` as (relative path, URL), sorted; links and dot files are skipped.
    static func regularFiles(below folder: URL, prefix: String = "") -> [(path: String, url: URL)] {
        var files: [(String, URL)] = []
        for name in sortedNames(in: folder) where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            let path = prefix.isEmpty ? name : "\(prefix)/\(name)"
            switch kind(of: url) {
            case .directory: files += regularFiles(below: url, prefix: path)
            case .file: files.append((path, url))
            default: continue
            }
        }
        return files
    }
}
