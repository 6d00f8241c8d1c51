import ArgumentParser
import Foundation
import PlaybookCore

/// Options shared by every command that reads a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder (holds content/).", valueName: "dir"))
    var source: String = "."

    var rootURL: URL { URL(fileURLWithPath: source, isDirectory: true) }
}
