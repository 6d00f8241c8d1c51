import Foundation

/// The files `playbook init` writes: a small playbook that builds as it is and shows every block kind.
public enum StarterSite {
    /// Written only when absent (a folder that is already a git repository has its own).
    static let gitignore = (path: ".gitignore", text: "public/\n.playbook-cache/\n")

    public static let files: [(path: String, text: String)] = [
        (
            "playbook.yml",
            """
            # Site settings; every key is optional. See docs/content/configuration.md in Playbook's repository for the full list.
            title: My Playbook
            description: My working handbook — scripts, checklists, targets and plans.
            language: en
            # base_url: https://me.github.io/playbook/   # adds sitemap.xml, feed.xml, canonical links

            """
        ),
        (
            "content/_index.md",
            """
            ---
            title: My Playbook
            ---
            # My Playbook

            Start here. Every Markdown file under `content/` is a page and every folder a section.
            The [toolkit](toolkit/_index.md) shows each generated block once; edit or delete it.

            """
        ),
        (
            "content/toolkit/_index.md",
            """
            ---
            title: Toolkit
            summary: One example of each generated block.
            ---
            Each page here holds a fenced block of YAML that Playbook turns into a table, a checklist or a form.

            """
        ),
        (
            "content/toolkit/kpis.md",
            """
            ---
            title: KPI dashboard
            weight: 1
            ---
            ```kpi
            - name: Average response time
              target: < 200ms
              actual: 180ms
              better: lower
              history: [240ms, 210ms, 180ms]
            - name: Uptime
              target: 99.9%
              actual: 99.95%
              better: higher
            ```

            """
        ),
        (
            "content/toolkit/checklist.md",
            """
            ---
            title: Checklist
            weight: 2
            ---
            ```checklist
            - text: Identify the risks
              day: Day 1
            - text: Assign an owner to each
              day: Day 2
            ```

            Ordinary lists work too:

            - [ ] Share the plan with the team
            - [x] Write the plan

            """
        ),
        (
            "content/toolkit/risks.md",
            """
            ---
            title: Risk register
            weight: 3
            ---
            ```risks
            - risk: Database overload at peak
              likelihood: 3
              impact: 5
              owner: Me
              mitigation: Load-test before launch
              review: weekly
            ```

            """
        ),
        (
            "content/toolkit/priorities.md",
            """
            ---
            title: Priorities
            weight: 4
            ---
            ```priorities
            - task: Fix the checkout timeout
              impact: high
              urgency: critical
              effort: medium
              risk: low
            - task: Tidy the logging
              impact: low
              urgency: low
              effort: low
              risk: low
            ```

            """
        ),
        (
            "content/toolkit/cadence.md",
            """
            ---
            title: Cadence
            weight: 5
            ---
            ```cadence
            - name: Stand-up
              every: weekday
              duration: 15m
              purpose: Progress and blockers
              start: 2030-01-07T09:30
            ```

            """
        ),
        (
            "content/toolkit/script.md",
            """
            ---
            title: Script
            weight: 6
            ---
            ```script
            title: Competing priorities
            text: |
              We have two priorities, [Priority A] and [Priority B]. I suggest [Recommendation] because [Reason].
            ```

            """
        ),
        (
            "content/toolkit/phrases.md",
            """
            ---
            title: Phrases
            weight: 7
            ---
            ```phrases
            - instead: "I'm working on it."
              say: "I'm investigating and will update you within the hour."
            ```

            """
        ),
    ]

    /// Writes the starter files into `folder`; refuses (writing nothing) when any of them exists.
    /// The templates `playbook new` makes pages from (`templates/KIND.md`), to change as one likes.
    static var templates: [(path: String, text: String)] { PageTemplates.builtIn.map { ("templates/\($0.kind).md", $0.text) } }

    public static func write(into folder: URL) throws -> [String] {
        let manager = FileManager.default
        let files = files + templates
        let existing = files.map(\.path).filter { manager.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            throw Diagnostic.error(folder.path, "refusing to overwrite existing files: \(existing.joined(separator: ", "))")
        }
        var written = files
        if !manager.fileExists(atPath: folder.appendingPathComponent(gitignore.path).path) { written.append(gitignore) }
        for file in written {
            let url = folder.appendingPathComponent(file.path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
        }
        return written.map(\.path)
    }
}
