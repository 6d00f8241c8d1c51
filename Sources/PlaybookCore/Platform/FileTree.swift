import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The one walker of the site's folders, used by the build and the dev server's watcher: it never
/// follows a symbolic link and skips dot files.
public enum FileTree {
    public enum Kind: Equatable, Sendable {
        case file(size: Int, signature: FileSignature)
        case directory, symbolicLink, other, missing
    }

    /// What is at `url`, without following a symbolic link. Uses `lstat` directly: Foundation's
    /// `attributesOfItem` also reads extended attributes and resolves the owner's name for every file.
    public static func kind(of url: URL) -> Kind { kind(atPath: url.path) }

    /// `kind(of:)` for a path.
    static func kind(atPath path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        return kind(of: info)
    }

    /// Signatures of the regular files below `folder` (links and dot files skipped, the folder itself
    /// too when it is a link), keyed `prefix/relative path` (the relative path alone for an empty
    /// prefix): what a no-op check compares.
    static func signatures(below folder: URL, prefix: String, capacity: Int = 0) -> [String: FileSignature] {
        var result: [String: FileSignature] = [:]
        result.reserveCapacity(capacity)
        guard kind(of: folder) == .directory else { return result }
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return result }
        signatures(inFolder: descriptor, prefix: prefix, into: &result)
        return result
    }

    /// Reads the folder open at `descriptor` (and closes it), stating each entry relative to it: no
    /// path is built or walked again for each of a large site's files.
    private static func signatures(inFolder descriptor: Int32, prefix: String, into result: inout [String: FileSignature]) {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        let folder = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                result[prefix.isEmpty ? name : prefix + "/" + name] = FileSignature(
                    size: Int(info.st_size), modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
                    inode: Int(info.st_ino))
            case S_IFDIR:
                let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 { signatures(inFolder: child, prefix: prefix.isEmpty ? name : prefix + "/" + name, into: &result) }
            default: continue
            }
        }
    }

    /// The entries of the folder open at `descriptor` (which stays open), sorted by name, each with
    /// what it is (not following links; dot files included, `.` and `..` not). A regular file whose
    /// signature `known` gives (read a moment ago) is not stated again.
    static func entries(inFolder descriptor: Int32, known: (String) -> FileSignature? = { _ in nil }) -> [(name: String, kind: Kind)] {
        let copy = dup(descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else { return [] }
        defer { closedir(directory) }
        var result: [(name: String, kind: Kind)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            if entry.pointee.d_type == UInt8(DT_REG), let signature = known(name) {
                result.append((name, .file(size: signature.size, signature: signature)))
                continue
            }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            result.append((name, kind(of: info)))
        }
        return result.sorted { $0.name < $1.name }
    }

    private static func kind(of info: stat) -> Kind {
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

    /// Signatures of the file at `url`, or of the regular files below the folder there, keyed by full path.
    public static func signatures(of url: URL) -> [String: FileSignature] {
        switch kind(of: url) {
        case .file(_, let signature): return [url.path: signature]
        case .directory: return signatures(below: url, prefix: url.path)
        default: return [:]
        }
    }

    /// `folder` and every folder below it (not through links), as paths.
    public static func folders(below folder: URL) -> [String] {
        guard kind(of: folder) == .directory else { return [] }
        var result = [folder.path]
        for name in sortedNames(in: folder) where !name.hasPrefix(".") {
            result += folders(below: folder.appendingPathComponent(name, isDirectory: true))
        }
        return result
    }

    static func sortedNames(in folder: URL) -> [String] { sortedNames(atPath: folder.path) }

    static func sortedNames(atPath folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
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
