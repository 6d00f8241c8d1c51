import ArgumentParser
import Foundation
import PlaybookCore

/// The `playbook` command and its subcommands.
public struct PlaybookCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

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
        subcommands: [Init.self, Build.self, Check.self, Export.self, Report.self, Record.self, Ticks.self, Serve.self],
        defaultSubcommand: nil)

    public init() {}

    /// Parses and runs `arguments` (without the program name) and returns the process exit code:
    /// 0 success, 1 content errors, 2 usage errors.
    public static func runMain(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
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
}
