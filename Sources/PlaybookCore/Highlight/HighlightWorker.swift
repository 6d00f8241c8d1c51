import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One Pygments process, started once per build, answering one request at a time over pipes.
/// A request that takes longer than `timeout` stops the process (a lexer stuck on odd input).
final class HighlightWorker {
    enum Failure: Error {
        case unavailable(String)
        case stopped(String)
    }

    private let process = Process()
    private let input: FileHandle
    private let output: Int32
    private var buffer: [UInt8] = []
    let version: String
    /// The interpreter's own file (`sys.executable`), when it said.
    let executable: String?
    static let timeout: Int32 = 10_000

    /// A worker for the first of `pythons` that imports Pygments, started through the interpreter an
    /// earlier worker of this process found that list to come to, when there was one: `python3` may be a
    /// launcher that costs more than Python's own start (a pyenv shim runs some 30 bash and pyenv
    /// processes first, about 110 ms of CPU), and a build starts one worker per core, `serve` more on
    /// later rebuilds. Workers asked for while the first is starting wait for it (rendering does not
    /// wait for them), then start the interpreter it found. Should that interpreter not start any more,
    /// the list is tried again from the start. When none starts, the last one's reason is given.
    static func start(pythons: [String]) throws -> HighlightWorker {
        let interpreters = Interpreters.shared
        let key = pythons.joined(separator: "\n")
        func throughKnown() -> HighlightWorker? { interpreters.path(for: key).flatMap { try? HighlightWorker(python: $0) } }
        if let worker = throughKnown() { return worker }
        return try interpreters.resolving.withLock {
            // Another thread may have found it while this one waited.
            if let worker = throughKnown() { return worker }
            interpreters.forget(key)
            var failure: Error = Failure.unavailable("no Python was given to run Pygments")
            for python in pythons {
                do {
                    let worker = try HighlightWorker(python: python)
                    if let executable = worker.executable, executable.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: executable) {
                        interpreters.remember(executable, for: key)
                    } else {
                        interpreters.remember(python, for: key)
                    }
                    return worker
                } catch {
                    failure = error
                }
            }
            throw failure
        }
    }

    /// What each list of interpreters given came to, for the life of the process.
    final class Interpreters: @unchecked Sendable {
        static let shared = Interpreters()
        /// Held while a worker starts with a `python` not yet resolved.
        let resolving = NSLock()
        private let lock = NSLock()
        private var paths: [String: String] = [:]

        func path(for python: String) -> String? { lock.withLock { paths[python] } }
        func remember(_ path: String, for python: String) { lock.withLock { paths[python] = path } }
        func forget(_ python: String) { _ = lock.withLock { paths.removeValue(forKey: python) } }
    }

    /// Starts `python3` with the script and waits for its first line.
    init(python: String = "python3") throws {
        // A worker that died must give an error on the next write, not kill Playbook with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        // The pipes are made and the process started under one lock, the pipes closed on exec: a
        // worker started at the same moment on another thread must not inherit this one's pipes
        // (holding its input open, it would keep it from ever seeing the end of it).
        let (toWorker, fromWorker) = Self.starting.withLock {
            let pipes = (Pipe(), Pipe())
            for handle in [pipes.0.fileHandleForReading, pipes.0.fileHandleForWriting, pipes.1.fileHandleForReading, pipes.1.fileHandleForWriting] {
                _ = fcntl(handle.fileDescriptor, F_SETFD, FD_CLOEXEC)
            }
            return pipes
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // -E: no PYTHON* variables; run from / so no module in the site folder is imported by accident.
        process.arguments = [python, "-E", "-c", PygmentsScript.source]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardInput = toWorker
        process.standardOutput = fromWorker
        process.standardError = FileHandle.nullDevice
        input = toWorker.fileHandleForWriting
        output = fromWorker.fileHandleForReading.fileDescriptor
        let child = process
        do {
            try Self.starting.withLock { try child.run() }
        } catch {
            throw Failure.unavailable("could not start \(python): \(error.localizedDescription)")
        }
        guard let first = Self.line(reading: output, buffer: &buffer, timeout: Self.timeout),
            let object = try? JSONSerialization.jsonObject(with: Data(first)) as? [String: Any]
        else {
            Self.stop(child)
            throw Failure.unavailable("\(python) with Pygments did not start (is python3 installed?)")
        }
        guard let version = object["version"] as? String else {
            Self.stop(child)
            throw Failure.unavailable("Pygments is not installed (\(object["error"] as? String ?? "import failed"))")
        }
        self.version = version
        executable = (object["executable"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static let starting = NSLock()

    /// The descriptor Playbook writes requests to (tests hold it open from another process).
    var inputDescriptor: Int32 { input.fileDescriptor }

    deinit {
        try? input.close()
        Self.stop(process)
        process.waitUntilExit()
    }

    /// Ends the process. SIGKILL, not `terminate()`'s SIGTERM: a process started from a dispatch
    /// thread inherits its blocked signals, SIGTERM among them, and would never end.
    private static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The tokens of `code`, or nil for a language Pygments does not know.
    func tokens(language: String, code: String) throws -> [(css: String, text: String)]? {
        let request = try JSONSerialization.data(withJSONObject: ["lang": language, "code": code]) + Data([10])
        do {
            try input.write(contentsOf: request)
        } catch {
            throw Failure.stopped("the Pygments process stopped")
        }
        guard let line = Self.line(reading: output, buffer: &buffer, timeout: Self.timeout) else {
            Self.stop(process)
            throw Failure.stopped("Pygments gave no answer within \(Self.timeout / 1000) s and was stopped")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw Failure.stopped("Pygments answered something unreadable")
        }
        guard let pairs = object["tokens"] as? [[String]] else { return nil }
        return pairs.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
    }

    /// Reads up to the next line end, waiting at most `timeout` ms for each piece; nil on end or timeout.
    private static func line(reading descriptor: Int32, buffer: inout [UInt8], timeout: Int32) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let end = buffer.firstIndex(of: 10) {
                let line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return line
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, timeout)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return nil }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }
}
