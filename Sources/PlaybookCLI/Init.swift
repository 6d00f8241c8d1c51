import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook init`: start a new playbook folder.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new playbook: playbook.yml and content/ with one example of each block.",
        discussion: "The new folder builds with no further step. Existing files are never overwritten.")

    @Argument(help: ArgumentHelp("The folder to create (default: the current folder).", valueName: "dir"))
    var directory: String = "."

    func run() throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            let written = try StarterSite.write(into: folder)
            print("created \(written.count) files in \(folder.standardizedFileURL.path)")
            print("next: playbook build --source \(directory) && open \(directory)/public/index.html")
        } catch let diagnostic as Diagnostic {
            DiagnosticPrinter.print([diagnostic])
            throw ExitCode.failure
        }
    }
}
