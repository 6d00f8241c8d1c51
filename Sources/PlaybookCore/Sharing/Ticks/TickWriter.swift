import Foundation

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

    /// The file's new bytes with `done` written into the item `target` describes, or nil when it already
    /// says so; values in, values out (what `write` does between reading and replacing the file).
    public static func edited(_ data: Data, target: TickTarget, done: Bool) throws -> Data? {
        try TickEditor.edit(data, target: target, done: done)?.data
    }

    /// The file's URL when `path` is an existing Markdown or data file inside `content/` or `data/`
    /// reached without a symbolic link.
    func checkedFile(_ path: String) throws -> URL {
        do {
            return try SourcePath.checked(path, root: root, extensions: [".md", ".yml", ".yaml", ".csv", ".json"])
        } catch let refusal as SourcePath.Refusal {
            throw TickRefusal.notWritable(file: path, reason: refusal.reason)
        }
    }
}
