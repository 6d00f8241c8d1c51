import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Replaces one of the user's source files in one rename: the new text goes to a temporary file beside
/// it, which gets the file's mode, and is renamed over it only when the file is still what was read.
/// Used by everything that writes to sources (`playbook record`, ticks).
enum SourceReplacement {
    enum Failure: Error, Equatable {
        /// The file is no longer what was read; nothing was written.
        case changed
        case cannotWrite(String)
    }

    static func replace(_ url: URL, with data: Data, expecting before: FileTree.Kind) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure.cannotWrite("could not create \(folder.path): \(error.localizedDescription)")
        }
        var mode: mode_t = 0o644
        var info = stat()
        if stat(url.path, &info) == 0 { mode = info.st_mode & 0o7777 }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try FileWriting.write([data], to: temporary.path)
        } catch {
            unlink(temporary.path)
            throw Failure.cannotWrite("could not write \(temporary.path): \(error.localizedDescription)")
        }
        chmod(temporary.path, mode)
        guard FileTree.kind(of: url) == before else {
            unlink(temporary.path)
            throw Failure.changed
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw Failure.cannotWrite("could not write \(url.path): \(reason)")
        }
    }
}
