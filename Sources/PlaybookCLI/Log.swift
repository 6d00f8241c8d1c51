import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook log "Title" --skill NAME …`: an achievement into the evidence file.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Add an achievement to the evidence log (evidence_file: in playbook.yml, data/evidence.yml by default).",
        discussion: """
            The item is added at the end of the evidence file, a YAML list that an evidence block shows \
            with 'source: data/evidence.yml'; a missing file is created with a comment header. The rest \
            of the file stays as it is, and nothing is written if it changes meanwhile. Skills are the \
            site's (skills: in playbook.yml; by default clear communication, solving problems early, \
            business sense, ownership, strategic thinking). For example:

              playbook log "Cut checkout latency" --skill ownership --skill "business sense" \\
                --action "Added a read-through cache" --outcome "Conversion recovered" \\
                --impact "p95 latency: 310ms -> 180ms"
            """)

    @Argument(help: "What was achieved, in a few words.")
    var title: String

    @Option(name: .long, help: ArgumentHelp("A skill it shows (repeat for several).", valueName: "NAME"))
    var skill: [String] = []

    @Option(name: .long, help: "The problem or situation.")
    var problem: String?

    @Option(name: .long, help: "What you did.")
    var action: String?

    @Option(name: .long, help: "What came of it.")
    var outcome: String?

    @Option(name: .long, help: "What you learnt.")
    var lesson: String?

    @Option(
        name: .long, help: ArgumentHelp("A figure that moved, 'what: before -> after' or 'what: figure' (repeat for several).", valueName: "FIGURE"))
    var impact: [String] = []

    @Option(name: .long, help: ArgumentHelp("The day it happened (default: today).", valueName: "YYYY-MM-DD"))
    var date: String?

    @OptionGroup var site: SiteOptions

    func validate() throws {
        if let date, Day(date) == nil { throw ValidationError("--date must be a date as YYYY-MM-DD, not '\(date)'") }
    }

    func run() throws {
        let day = try date.flatMap(Day.init) ?? BuildDate.current()
        let entry = EvidenceLogger.Entry(
            title: title, skills: skill, date: day, problem: problem, action: action, outcome: outcome, lesson: lesson, impact: impact)
        do {
            print(TerminalText.visible(try EvidenceLogger(root: site.rootURL).log(entry)))
        } catch let failure as EvidenceLogger.Failure {
            FileHandle.standardError.write(Data(("error: " + TerminalText.visible(failure.description) + "\n").utf8))
            throw ExitCode.failure
        }
    }
}
