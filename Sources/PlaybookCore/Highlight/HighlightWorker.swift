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
    static let timeout: Int32 = 10_000

    /// Starts `python3` with the script and waits for its first line.
    init(python: String = "python3") throws {
        // A worker that died must give an error on the next write, not kill Playbook with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let toWorker = Pipe()
        let fromWorker = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // -E: no PYTHON* variables; run from / so no module in the site folder is imported by accident.
        process.arguments = [python, "-E", "-c", PygmentsScript.source]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardInput = toWorker
        process.standardOutput = fromWorker
        process.standardError = FileHandle.nullDevice
        input = toWorker.fileHandleForWriting
        output = fromWorker.fileHandleForReading.fileDescriptor
        do {
            try process.run()
        } catch {
            throw Failure.unavailable("could not start \(python): \(error.localizedDescription)")
        }
        guard let first = Self.line(reading: output, buffer: &buffer, timeout: Self.timeout),
            let object = try? JSONSerialization.jsonObject(with: Data(first)) as? [String: Any]
        else {
            process.terminate()
            throw Failure.unavailable("\(python) with Pygments did not start (is python3 installed?)")
        }
        guard let version = object["version"] as? String else {
            process.terminate()
            throw Failure.unavailable("Pygments is not installed (\(object["error"] as? String ?? "import failed"))")
        }
        self.version = version
    }

    deinit {
        try? input.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
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
            process.terminate()
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
