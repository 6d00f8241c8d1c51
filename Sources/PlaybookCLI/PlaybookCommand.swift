import ArgumentParser
import Foundation
import PlaybookCore

/// The `playbook` command and its subcommands.
public struct PlaybookCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    /// Every command names itself (`commandName`): without one, ArgumentParser derives it from the
    /// type's name with `String(describing:)`, for every subcommand at every start, and that first
    /// reflection of each type scans the runtime's protocol conformances, about 1.4 M instructions a
    /// command, 13 M (a third) of `playbook --version`.
    public static let configuration = CommandConfiguration(
        commandName: "playbook",
        abstract: "Build a personal playbook site from Markdown with YAML front matter.",
        discussion: """
            A site folder holds content/ (Markdown pages; folders are sections), and optionally \
            playbook.yml (site settings), themes/, layouts/ (template overrides) and static/ (files \
            copied as they are). The output is plain HTML that works from disk (file://) and from any web server.

            Exit codes: 0 success, 1 content errors, 2 usage errors.
            """,
        version: version,
        subcommands: [Init.self, Build.self, Check.self, Export.self, Report.self, Record.self, Log.self, New.self, Ticks.self, Serve.self],
        defaultSubcommand: nil)

    public init() {}

    /// Parses and runs `arguments` (without the program name) and returns the process exit code:
    /// 0 success, 1 content errors, 2 usage errors.
    public static func runMain(_ arguments: [String]) async -> Int32 {
        switch parse(arguments) {
        case .finished(let code): return code
        case .synchronous(var command): return run { try command.run() }
        case .asynchronous(var command): return await runAsync { try await command.run() }
        }
    }

    /// Runs `arguments` on the calling thread when the command is not asynchronous (every command but
    /// `serve`), so the process needs no async main; nil for an asynchronous one, which `runMain` runs.
    ///
    /// `main` calls this first: an async main parks the main thread in libdispatch's `sigsuspend`,
    /// which Valgrind 3.19 cannot follow (it crashes), and `bench/bench.py` counts instructions with it.
    ///
    /// The command runs on one of libdispatch's worker threads, which the calling thread waits for, as
    /// it did under the async main: run from another thread, the build's parallel stages take one
    /// thread more (and a 10,000-page build's peak memory is some 4 MB higher).
    public static func runSynchronously(_ arguments: [String]) -> Int32? {
        switch parse(arguments) {
        case .finished(let code): return code
        case .synchronous(let command): return onWorkerThread(Running(command))
        case .asynchronous: return nil
        }
    }

    /// A command and its exit code, handed to the thread that runs it and back.
    private final class Running: @unchecked Sendable {
        var command: any ParsableCommand
        var code: Int32 = 0
        let done = DispatchSemaphore(value: 0)
        init(_ command: any ParsableCommand) { self.command = command }
    }

    private static func onWorkerThread(_ running: Running) -> Int32 {
        DispatchQueue.global().async {
            running.code = run { try running.command.run() }
            // What the command's background work held is freed before the process may exit.
            AllBackgroundWork.waitUntilDone()
            running.done.signal()
        }
        running.done.wait()
        return running.code
    }

    private enum Parsed {
        case finished(Int32)
        case synchronous(any ParsableCommand)
        case asynchronous(any AsyncParsableCommand)
    }

    private static func parse(_ arguments: [String]) -> Parsed {
        do {
            let command = try parseAsRoot(arguments)
            if let asyncCommand = command as? AsyncParsableCommand { return .asynchronous(asyncCommand) }
            return .synchronous(command)
        } catch {
            return .finished(code(for: error))
        }
    }

    private static func run(_ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return 0
        } catch {
            return code(for: error)
        }
    }

    private static func runAsync(_ body: () async throws -> Void) async -> Int32 {
        do {
            try await body()
            return 0
        } catch {
            return code(for: error)
        }
    }

    /// Prints what `error` says (help and version on standard output, errors on standard error) and
    /// gives the exit code.
    private static func code(for error: Error) -> Int32 {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
        if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        // ArgumentParser reports usage errors as EX_USAGE (64); we promise 2, like most Unix tools.
        return code == .validationFailure ? 2 : code.rawValue
    }
}
