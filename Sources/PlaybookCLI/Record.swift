import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook record "KPI name" VALUE`: a measured figure into the KPI's series file.
struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a measured figure for a KPI in its series file.",
        discussion: """
            The KPI must have 'series: data/NAME.csv' in its kpi block. The figure is appended with \
            its date (today, or --date), or replaces the figure already recorded for that date; a \
            series file that does not exist yet is created with its header. The rest of the file \
            stays as it is. Prints the KPI's new status, as the next build will show it. Made for cron \
            and CI steps, for example:

              15 6 * * 1  cd ~/playbook && playbook record "Error rate" "$(./scripts/error-rate.sh)"
            """)

    @Argument(help: "The KPI's name, as in its kpi block (any case).")
    var name: String

    @Argument(help: "The figure, with a unit (180ms, 0.07%) or as a bare number in the KPI's unit.")
    var value: String

    @Option(name: .long, help: ArgumentHelp("The day of the figure (default: today).", valueName: "YYYY-MM-DD"))
    var date: String?

    @OptionGroup var site: SiteOptions

    func validate() throws {
        if let date, Day(date) == nil { throw ValidationError("--date must be a date as YYYY-MM-DD, not '\(date)'") }
    }

    func run() throws {
        let recorder = KPIRecorder(root: site.rootURL, today: try BuildDate.current())
        do {
            print(TerminalText.visible(try recorder.record(name: name, value: value, date: date.flatMap(Day.init))))
        } catch let failure as KPIRecorder.Failure {
            let text = failure.description.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.visible(String($0)) }
            FileHandle.standardError.write(Data(("error: " + text.joined(separator: "\n") + "\n").utf8))
            throw ExitCode.failure
        }
    }
}
