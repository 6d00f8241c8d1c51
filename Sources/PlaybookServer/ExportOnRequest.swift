import Foundation
import PlaybookCore

/// `playbook.html` under `serve`: made from the sources when a browser asks for it, then kept until
/// the next rebuild. The rebuilds on save leave it out (`OutputRegistry.serve`), so saving a page
/// never waits for the whole site to be exported again.
final class ExportOnRequest: @unchecked Sendable {
    private let options: BuildOptions
    private let lock = NSLock()
    /// Counts the rebuilds: a file made before the last one is out of date.
    private var generation = 0
    private var made: (generation: Int, data: Data?)?
    /// Held while a file is made, so that requests arriving together wait for one export.
    private let making = NSLock()

    init(options: BuildOptions) {
        var options = options
        options.outputs = [ExportOutput()]
        options.useCache = false
        options.memory = nil
        self.options = options
    }

    /// The sources changed (a rebuild succeeded): the next request makes the file again.
    func invalidate() { lock.withLock { generation += 1 } }

    /// The export of the sources as they are now; nil when the site does not have one (`export:`
    /// off, or above the `auto` limit) or when it could not be made (the errors are the rebuild's).
    func current() -> Data? {
        making.lock()
        defer { making.unlock() }
        let wanted = lock.withLock { generation }
        if let made = lock.withLock({ made }), made.generation == wanted { return made.data }
        let result = SiteBuild(options: options).plan()
        let data = result.diagnostics.hasErrors ? nil : result.files.first { $0.path == ExportBuilder.fileName }?.data
        lock.withLock { made = (wanted, data) }
        return data
    }

    /// `current()` on another thread (it renders the whole site), for a request handler.
    func currentInBackground() async -> Data? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.current()) }
        }
    }
}
