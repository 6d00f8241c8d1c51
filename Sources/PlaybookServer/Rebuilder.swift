import Foundation
import PlaybookCore

/// Rebuilds the site after changes, one build at a time, coalescing rapid saves (debounce), and tells
/// the hub. Uses the same incremental cache as `playbook build`.
public final class Rebuilder: @unchecked Sendable {
    public let options: BuildOptions
    let hub: ReloadHub
    /// Called with each build's result and how long after the change it finished (seconds).
    let report: @Sendable (BuildResult, Double) -> Void
    /// Quiet time after the last change before building.
    public var debounce: TimeInterval = 0.03

    private let queue = DispatchQueue(label: "playbook.rebuild")
    private let lock = NSLock()
    private var pending: DispatchWorkItem?
    private var firstChange: DispatchTime?
    private var stopped = false

    public init(options: BuildOptions, hub: ReloadHub, report: @escaping @Sendable (BuildResult, Double) -> Void) {
        self.options = options
        self.hub = hub
        self.report = report
    }

    /// Builds now and waits; used once at startup.
    @discardableResult
    public func buildNow() -> BuildResult {
        queue.sync { build(since: DispatchTime.now()) }
    }

    /// Called for every file event; builds once things are quiet.
    public func changed() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        pending?.cancel()
        if firstChange == nil { firstChange = DispatchTime.now() }
        let item = DispatchWorkItem { [weak self] in
            guard let self else { return }
            self.lock.lock()
            let since = self.firstChange ?? DispatchTime.now()
            self.firstChange = nil
            self.lock.unlock()
            self.build(since: since)
        }
        pending = item
        queue.asyncAfter(deadline: .now() + debounce, execute: item)
    }

    /// Stops rebuilding: a waiting rebuild is dropped, and one that is running finishes (its staging
    /// folder swapped in or removed) before this returns. The server calls it before the process exits.
    public func finish() async {
        lock.withLock {
            stopped = true
            pending?.cancel()
            pending = nil
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in queue.async { done.resume() } }
    }

    @discardableResult
    private func build(since start: DispatchTime) -> BuildResult {
        var options = self.options
        options.useCache = true
        let result = SiteBuild(options: options).run()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let hub = self.hub
        let errors = result.diagnostics.map(\.description)
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            if result.succeeded { await hub.buildSucceeded() } else { await hub.buildFailed(errors) }
            semaphore.signal()
        }
        semaphore.wait()
        report(result, seconds)
        return result
    }
}
