import Foundation
import PlaybookCLI

exit(PlaybookCommand.runMain(Array(CommandLine.arguments.dropFirst())))
