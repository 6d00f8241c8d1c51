import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `playbook new KIND [TITLE]`: a dated page made from a template, `templates/KIND.md` in the site or
/// a built-in one (`one-on-one`, `weekly-status`, `decision`, `evidence`). `{{date}}`, `{{year}}`,
/// `{{month}}`, `{{title}}`, `{{title_yaml}}` (the title as a quoted YAML string) and `{{slug}}` are
/// filled in (in front matter, `{{title}}` is written quoted too); the template's `folder:` (under `content/`) says where the page goes, and is
/// left out of the page. The file is `DATE-SLUG.md`, created only if no file has that name.
public struct PageTemplates {
    public enum Failure: Error, CustomStringConvertible {
        case refused(String)
        public var description: String {
            switch self {
            case .refused(let text): return text
            }
        }
    }

    public var root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// The kinds the site can make: its own templates and the built-in ones.
    public func kinds() -> [String] {
        let own = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("templates").path)) ?? []
        let names = own.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.map { String($0.dropLast(3)) }
        return Array(Set(names + Self.builtIn.map(\.kind))).sorted()
    }

    /// Makes the page; returns its path from the site's folder.
    public func create(kind: String, title: String?, date: Day) throws -> String {
        let template = try text(of: kind)
        let title = (title ?? "").trimmedSpaces.isEmpty ? Self.defaultTitle(kind: kind, date: date) : title!.trimmedSpaces
        guard !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Failure.refused("the title holds a control character or a line break")
        }
        let slug = PathRules.slug(title).isEmpty ? kind : PathRules.slug(title)
        let values = [
            "date": date.description, "year": String(date.description.prefix(4)), "month": String(date.description.prefix(7).suffix(2)),
            "title": title, "slug": slug, "title_yaml": EvidenceLogger.quoted(title),
        ]
        var (page, folder) = Self.fill(template, values: values)
        folder = folder.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !folder.hasPrefix("content") { folder = folder.isEmpty ? "content" : "content/" + folder }
        let path = folder + "/" + date.description + "-" + slug + ".md"
        let url: URL
        do {
            url = try SourcePath.checked(path, root: root, extensions: [".md"], creating: true)
        } catch let refusal as SourcePath.Refusal {
            throw Failure.refused("\(path): \(refusal.reason); nothing was written")
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Created only if absent (O_EXCL): a page already there is never overwritten.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw Failure.refused("\(path) already exists; nothing was written (give another title or --date)") }
            throw Failure.refused("could not create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(page.utf8)
        guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            unlink(url.path)
            throw Failure.refused("could not write \(path): \(String(cString: strerror(errno)))")
        }
        return path
    }

    /// The template's text: the site's own, else the built-in one; an unknown kind names the known ones.
    func text(of kind: String) throws -> String {
        guard !kind.contains("/"), !kind.hasPrefix(".") else { throw Failure.refused("a kind is a template's name, not a path: '\(kind)'") }
        if let own = FileReading.contents(of: root.appendingPathComponent("templates/\(kind).md").path) {
            return String(decoding: own, as: UTF8.self)
        }
        if let builtIn = Self.builtIn.first(where: { $0.kind == kind }) { return builtIn.text }
        let known = kinds()
        let close = known.first { EditDistance.between($0, kind.lowercased()) <= 3 }
        throw Failure.refused(
            "no template '\(kind)'" + (close.map { "; did you mean '\($0)'?" } ?? "") + " (templates: \(known.joined(separator: ", ")); "
                + "add templates/\(kind).md to make one)")
    }

    /// The template with its placeholders filled, and its `folder:` (taken out of the front matter).
    static func fill(_ template: String, values: [String: String]) -> (page: String, folder: String) {
        var lines = template.components(separatedBy: "\n")
        var folder = ""
        // The front matter: from a first line `---` to the next.
        if lines.first?.trimmedSpaces == "---", let end = lines.dropFirst().firstIndex(where: { $0.trimmedSpaces == "---" }) {
            var kept: [String] = []
            for line in lines[1..<end] {
                if line.hasPrefix("folder:") {
                    folder = replace(String(line.dropFirst(7)).trimmedSpaces, values: values)
                    continue
                }
                var quoted = values
                quoted["title"] = EvidenceLogger.quoted(values["title"] ?? "")
                kept.append(replace(line, values: quoted))
            }
            lines = ["---"] + kept + lines[end...].enumerated().map { $0.offset == 0 ? $0.element : replace($0.element, values: values) }
        } else {
            lines = lines.map { replace($0, values: values) }
        }
        return (lines.joined(separator: "\n"), folder)
    }

    private static func replace(_ line: String, values: [String: String]) -> String {
        guard line.contains("{{") else { return line }
        var result = line
        for (name, value) in values { result = result.replacingOccurrences(of: "{{\(name)}}", with: value) }
        return result
    }

    static func defaultTitle(kind: String, date: Day) -> String {
        let name = kind.replacingOccurrences(of: "-", with: " ")
        return name.prefix(1).uppercased() + name.dropFirst() + " " + date.description
    }

    /// The built-in templates, also written by `playbook init` into `templates/`.
    public static let builtIn: [(kind: String, text: String)] = [
        (
            "one-on-one",
            """
            ---
            title: {{title}}
            date: {{date}}
            type: one-on-one
            person: my manager
            folder: journal/{{year}}
            tags: [one-on-one]
            ---
            ## Since last time

            - What went well, with one figure if there is one.

            ## Blockers and asks

            - What I need, and from whom.

            ## Feedback, both ways

            ## Actions

            - [ ] Write down the first action, with an owner and a date.

            """
        ),
        (
            "weekly-status",
            """
            ---
            title: {{title}}
            date: {{date}}
            type: weekly-status
            folder: journal/{{year}}
            tags: [status]
            ---
            ## Done this week

            - One line each, with the result it had.

            ## Next week

            - The one to three things that matter most.

            ## Risks and asks

            - What could slip, and what would help.

            """
        ),
        (
            "decision",
            """
            ---
            title: {{title}}
            date: {{date}}
            type: decision
            status: proposed
            folder: decisions
            tags: [decision]
            ---
            ## Context

            What forces the decision now, in a few sentences.

            ## Options

            1. The first option, with its cost and its risk.
            2. The second option.

            ## Decision

            What we chose, and why.

            ## Consequences

            What becomes easier, what becomes harder, and when to look at it again.

            """
        ),
        (
            "evidence",
            """
            ---
            title: {{title}}
            date: {{date}}
            type: evidence
            folder: evidence
            tags: [evidence]
            ---
            ```evidence
            - date: {{date}}
              title: {{title_yaml}}
              skills: [ownership]
              problem: What was wrong or at stake.
              action: What I did.
              outcome: What came of it.
              impact: ["metric: 0 -> 1"]
            ```

            """
        ),
    ]
}
