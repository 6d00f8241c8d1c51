import ArgumentParser
import Foundation
import PlaybookCore

/// `playbook ticks`: checklist ticks saved in a browser, written into the sources.
struct Ticks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticks",
        abstract: "Write checklist ticks saved in a browser into the Markdown and data files.",
        discussion: """
            Pages opened from disk remember ticks in that browser only. The dashboard's Export ticks \
            button saves them as a small JSON file; 'playbook ticks apply FILE' writes them into the \
            sources, as 'playbook serve' does when a box is ticked on a served page.
            """,
        subcommands: [Apply.self])

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Write the ticks of an exported ticks file into the sources.",
            discussion: """
                A task-list item gets [x] or [ ]; a checklist item gets 'done: true' or 'false' (added \
                when it has none; a plain-text item becomes 'text:' with 'done:'), in its page or in the \
                data/ file it comes from. The rest of each file stays byte for byte; each write replaces \
                the file in one rename and keeps its mode. Prints what changed, what already said so and \
                what no longer matches an item (the page or the item was changed since the ticks were \
                made). Exits 1 when a tick could not be written.
                """)

        @Argument(help: ArgumentHelp("The file saved by the dashboard's Export ticks button.", valueName: "file"))
        var file: String

        @OptionGroup var site: SiteOptions

        @Flag(name: .long, help: "Include pages marked draft: true.")
        var drafts = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read '\(file)'")
            }
            let ticks: [Tick]
            switch TicksFile.read(data) {
            case .success(let read): ticks = read
            case .failure(let problem): throw ValidationError("\(file): \(problem)")
            }
            var options = BuildOptions(root: site.rootURL)
            options.includeDrafts = drafts
            options.buildDate = try BuildDate.current()
            let (results, diagnostics) = TickApplication(options: options).apply(ticks)
            guard let results else {
                DiagnosticPrinter.print(diagnostics)
                FileHandle.standardError.write(Data("error: the site has errors; no tick was written\n".utf8))
                throw ExitCode.failure
            }
            var counts = (written: 0, unchanged: 0, refused: 0)
            for result in results {
                switch result {
                case .written(let tick, let target):
                    counts.written += 1
                    print(TerminalText.visible("\(target.file):\(target.line): \(tick.done ? "ticked" : "unticked") \(tick.item)"))
                case .unchanged(let tick, let target):
                    counts.unchanged += 1
                    print(TerminalText.visible("\(target.file):\(target.line): already \(tick.done ? "ticked" : "unticked") \(tick.item)"))
                case .refused(_, let refusal):
                    counts.refused += 1
                    print(TerminalText.visible("not written: \(refusal)"))
                }
            }
            print("\(counts.written) written, \(counts.unchanged) already so, \(counts.refused) not written")
            if counts.refused > 0 { throw ExitCode.failure }
        }
    }
}
