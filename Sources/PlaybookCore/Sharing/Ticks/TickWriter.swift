import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes ticks into the site's sources: the one piece of code that `playbook serve` and
/// `playbook ticks apply` share. Only existing Markdown and YAML files under `content/` and `data/` are
/// written, never through a symbolic link; each write is atomic and keeps the file's mode.
public struct TickWriter: Sendable {
    public var root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// Writes `done` into the item `target` describes.
    public func write(_ done: Bool, to target: TickTarget) throws -> TickOutcome {
        let url = try checkedFile(target.file)
        let before = FileTree.kind(of: url)
        guard case .file = before, let data = FileReading.contents(of: url.path) else {
            throw TickRefusal.notWritable(file: target.file, reason: "not a regular file")
        }
        guard let (edited, inserted) = try TickEditor.edit(data, target: target, done: done) else {
            return .unchanged(file: target.file, line: target.line)
        }
        do {
            try SourceReplacement.replace(url, with: edited, expecting: before)
        } catch SourceReplacement.Failure.changed {
            throw TickRefusal.changed(file: target.file, line: target.line)
        } catch SourceReplacement.Failure.cannotWrite(let reason) {
            throw TickRefusal.notWritable(file: target.file, reason: reason)
        }
        return .written(file: target.file, line: target.line, insertedAfter: inserted)
    }

    /// The file's URL when `path` is an existing Markdown or data file inside `content/` or `data/`
    /// reached without a symbolic link.
    func checkedFile(_ path: String) throws -> URL {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "content" || parts[0] == "data",
            !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }), !path.contains("\\"), !path.contains("\0")
        else { throw TickRefusal.notWritable(file: path, reason: "only files inside content/ and data/ are written") }
        let lowered = path.lowercased()
        guard [".md", ".yml", ".yaml", ".csv", ".json"].contains(where: { lowered.hasSuffix($0) }) else {
            throw TickRefusal.notWritable(file: path, reason: "only Markdown and data files are written")
        }
        var current = root.path
        for (index, part) in parts.enumerated() {
            current += "/" + part
            var info = stat()
            guard lstat(current, &info) == 0 else { throw TickRefusal.notWritable(file: path, reason: "no such file") }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK { throw TickRefusal.notWritable(file: path, reason: "refusing to write through a symbolic link") }
            let last = index == parts.count - 1
            guard last ? type == S_IFREG : type == S_IFDIR else { throw TickRefusal.notWritable(file: path, reason: "not a regular file") }
        }
        return URL(fileURLWithPath: current)
    }
}
