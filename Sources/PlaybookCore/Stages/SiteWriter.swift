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

    /// Starts a build: an empty staging folder to write into.
    public func begin() throws -> DirectorySink {
        recoverInterruptedSwap()
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return DirectorySink(folder: staging)
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
        try? manager.removeItem(at: staging)
    }
}
