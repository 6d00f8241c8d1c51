import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook new KIND [TITLE]`: a dated page from a template.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a dated page from a template (one-on-one, weekly-status, decision, evidence, or templates/KIND.md).",
        discussion: """
            The page is made from templates/KIND.md in the site, or from the built-in template of that \
            name, with {{date}}, {{year}}, {{month}}, {{title}}, {{title_yaml}} and {{slug}} filled in. \
            The template's 'folder:' (under content/) says where it goes; the file is DATE-SLUG.md and \
            an existing file is never overwritten. Prints the new page's path. For example:

              playbook new one-on-one "1:1 with Dana"
              playbook new decision "Move the queue to a managed service" --date 2026-12-01
            """)

    @Argument(help: "The template's name.")
    var kind: String

    @Argument(help: "The page's title (default: the template's name and the date).")
    var title: String?

    @Option(name: .long, help: ArgumentHelp("The page's date (default: today).", valueName: "YYYY-MM-DD"))
    var date: String?

    @OptionGroup var site: SiteOptions

    func validate() throws {
        if let date, Day(date) == nil { throw ValidationError("--date must be a date as YYYY-MM-DD, not '\(date)'") }
    }

    func run() throws {
        let day = try date.flatMap(Day.init) ?? BuildDate.current()
        do {
            print(TerminalText.visible(try PageTemplates(root: site.rootURL).create(kind: kind, title: title, date: day)))
        } catch let failure as PageTemplates.Failure {
            FileHandle.standardError.write(Data(("error: " + TerminalText.visible(failure.description) + "\n").utf8))
            throw ExitCode.failure
        }
    }
}
