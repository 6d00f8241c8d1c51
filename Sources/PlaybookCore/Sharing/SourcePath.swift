import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The one check before anything is written into the site's sources (`serve`'s ticks, `ticks apply`,
/// `record`): the path is relative, inside `content/` or `data/`, has a file name the command writes,
/// and every part that exists is a real folder (the file itself a regular file), never a symbolic link.
/// `build` refuses linked input folders the same way, so a write never lands where a build would not read.
public enum SourcePath {
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The file's URL under `root`. With `creating`, the file and its folders may be missing (they are
    /// made as real folders when written); without, the file must exist.
    public static func checked(_ path: String, root: URL, extensions: [String], creating: Bool = false) throws -> URL {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "content" || parts[0] == "data",
            !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }), !path.contains("\\"), !path.contains("\0")
        else { throw Refusal(reason: "only files inside content/ and data/ are written") }
        let lowered = path.lowercased()
        guard extensions.contains(where: { lowered.hasSuffix($0) }) else {
            throw Refusal(reason: "only \(extensions.joined(separator: ", ")) files are written here")
        }
        var current = root.standardizedFileURL.path
        for (index, part) in parts.enumerated() {
            current += "/" + part
            var info = stat()
            guard lstat(current, &info) == 0 else {
                if creating, errno == ENOENT { break }
                throw Refusal(reason: index == parts.count - 1 ? "no such file" : "no such folder: \(parts[...index].joined(separator: "/"))")
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK {
                throw Refusal(reason: "refusing to write through a symbolic link (\(parts[...index].joined(separator: "/")))")
            }
            let last = index == parts.count - 1
            guard last ? type == S_IFREG : type == S_IFDIR else {
                throw Refusal(reason: last ? "not a regular file" : "\(parts[...index].joined(separator: "/")) is not a folder")
            }
        }
        return URL(fileURLWithPath: root.standardizedFileURL.path + "/" + path)
    }
}
