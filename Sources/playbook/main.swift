import Foundation
import PlaybookCLI

// Every command but `serve` runs on the main thread, without an async main (see `runSynchronously`).
let arguments = Array(CommandLine.arguments.dropFirst())
if let code = PlaybookCommand.runSynchronously(arguments) { exit(code) }
Task { exit(await PlaybookCommand.runMain(arguments)) }
dispatchMain()
