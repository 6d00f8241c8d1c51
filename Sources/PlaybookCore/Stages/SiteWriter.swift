import CPlaybookPlatform
import Foundation

/// Writes the output atomically: everything goes into a sibling staging folder that replaces the
/// output folder only when complete, so a failed or killed build never leaves a half-written site.
public struct SiteWriter: Sendable {
    public var output: URL
    /// Held while the new output is put in place, when a reader (the dev server) shares it.
    public var lock: SwapLock?

    public init(output: URL, lock: SwapLock? = nil) {
        self.output = output.standardizedFileURL
        self.lock = lock
    }

    var staging: URL { output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging") }
    var previous: URL { output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old") }
    /// Present while new files are moved into the output folder one by one (`commit` of a few files).
    var committing: URL { output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).committing") }

    /// Refuses to replace a folder that does not look like earlier output of a build.
    public func checkReplaceable() -> Diagnostic? {
        recoverInterruptedSwap()
        guard FileTree.kind(of: output) == .directory else {
            if FileTree.kind(of: output) == .missing { return nil }
            return .error(output.path, "output path exists and is not a folder")
        }
        let names = FileTree.sortedNames(in: output)
        if names.isEmpty || names.contains("index.html") || names.contains("404.html") { return nil }
        return .error(output.path, "output folder is not empty and holds no earlier build (no index.html); refusing to replace it")
    }

    /// Starts a build: an empty staging folder to write into. False with it when the output folder may
    /// be half updated (a build was killed while moving files into it): nothing of it is then reused.
    public func begin() throws -> (DirectorySink, outputTrusted: Bool) {
        recoverInterruptedSwap()
        let trusted = FileTree.kind(of: committing) == .missing
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return (DirectorySink(folder: staging), trusted)
    }

    /// Puts the finished build in place and returns the output's files as they are then.
    ///
    /// When the build kept most of the last output (`sink.kept`), its new files are moved into the
    /// output folder and the files it no longer has are removed: a one-page edit of a large site
    /// touches a few files, not every one. Otherwise the kept files are hard-linked into the staging
    /// folder, which then replaces the output folder in one step (`commit()`).
    func commit(_ sink: DirectorySink) throws -> [String: OutputRecord] {
        guard let records = sink.previousRecords, !sink.kept.isEmpty else {
            try commit()
            return OutputRecords.read(output)
        }
        let written = sink.written
        guard written.count * 5 <= records.count else {
            for path in sink.kept where !written.contains(path) {
                let target = staging.path + "/" + path
                try FileManager.default.createDirectory(
                    atPath: String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)]), withIntermediateDirectories: true)
                guard link(output.path + "/" + path, target) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
            try commit()
            return OutputRecords.read(output)
        }
        var result = records.filter { sink.kept.contains($0.key) && !written.contains($0.key) }
        try withLock {
            // A marker for the time the folder is between two builds: a build killed now leaves it, and
            // the next build then takes nothing from this folder and replaces it whole.
            guard FileManager.default.createFile(atPath: committing.path, contents: nil) else { throw POSIXError(.EIO) }
            var parents: Set<String> = []
            for path in written.sorted() {
                let target = output.path + "/" + path
                let parent = String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)])
                if !parents.contains(parent) {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                    parents.insert(parent)
                }
                guard rename(staging.path + "/" + path, target) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                if case .file(let size, let signature) = FileTree.kind(atPath: target) {
                    result[path] = OutputRecord(size: size, modified: signature.modified)
                }
            }
            var emptied: Set<String> = []
            for path in records.keys where result[path] == nil && !written.contains(path) {
                unlink(output.path + "/" + path)
                if let slash = path.lastIndex(of: "/") { emptied.insert(String(path[..<slash])) }
            }
            // Folders left empty go too (deepest first; one that is not empty stays).
            for folder in emptied.sorted(by: { $0.count > $1.count }) {
                var current = Substring(folder)
                while !current.isEmpty, rmdir(output.path + "/" + current) == 0 {
                    current = current.lastIndex(of: "/").map { current[..<$0] } ?? ""
                }
            }
            unlink(committing.path)
        }
        try? FileManager.default.removeItem(at: staging)
        return result
    }

    /// Swaps the finished staging folder into place of the output folder.
    ///
    /// Where the system can, in one step (`renameat2` with `RENAME_EXCHANGE`): the output folder never
    /// goes missing, and the previous build, now under the staging name, is removed afterwards.
    /// Elsewhere two renames (old aside, new in), under `lock` so the dev server waits for them.
    public func commit() throws {
        let manager = FileManager.default
        try? manager.removeItem(at: previous)
        let swapped = try swap()
        unlink(committing.path)
        try? manager.removeItem(at: swapped ? staging : previous)
    }

    /// True when the folders were exchanged in one step (the old output is now at `staging`).
    private func swap() throws -> Bool {
        let manager = FileManager.default
        let exists = FileTree.kind(of: output) != .missing
        if exists, playbook_exchange(staging.path, output.path) == 0 { return true }
        try withLock {
            if exists { try manager.moveItem(at: output, to: previous) }
            try manager.moveItem(at: staging, to: output)
        }
        return false
    }

    private func withLock(_ body: () throws -> Void) throws {
        if let lock { try lock.swapping(body) } else { try body() }
    }

    /// Drops an unfinished build; the output folder is untouched.
    public func abort() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// A build killed between the two renames leaves only `.NAME.old`: put it back.
    func recoverInterruptedSwap() {
        let manager = FileManager.default
        if FileTree.kind(of: output) == .missing, FileTree.kind(of: previous) == .directory {
            try? manager.moveItem(at: previous, to: output)
        }
        // A whole replacement of the output folder ends whatever a killed build left half done.
        if FileTree.kind(of: output) == .missing { unlink(committing.path) }
        try? manager.removeItem(at: staging)
    }
}
