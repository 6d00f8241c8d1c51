import Foundation
import PlaybookCLI

exit(await PlaybookCommand.runMain(Array(CommandLine.arguments.dropFirst())))
