import Foundation

/// `playbook log`: appends one evidence item to the evidence file (`evidence_file:` in `playbook.yml`,
/// `data/evidence.yml` by default), which an `evidence` block shows with `source:`. The file is a YAML
/// list; it is created with a comment header when missing. The rest of the file stays byte for byte
/// (its BOM, its line endings, its comments); the new text is written in one rename, and only when the
/// file is still what was read.
public struct EvidenceLogger {
    public enum Failure: Error, CustomStringConvertible {
        case refused(String)
        public var description: String {
            switch self {
            case .refused(let text): return text
            }
        }
    }

    /// One achievement, as given on the command line.
    public struct Entry {
        public var title: String
        public var skills: [String]
        public var date: Day
        public var problem: String?
        public var action: String?
        public var outcome: String?
        public var lesson: String?
        public var impact: [String] = []

        public init(
            title: String, skills: [String], date: Day, problem: String? = nil, action: String? = nil, outcome: String? = nil,
            lesson: String? = nil, impact: [String] = []
        ) {
            (self.title, self.skills, self.date, self.problem, self.action, self.outcome, self.lesson, self.impact) =
                (title, skills, date, problem, action, outcome, lesson, impact)
        }
    }

    public var root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    static let header = """
        # Evidence of senior work, oldest first: one item per achievement.
        # `playbook log` adds to it; an evidence block shows it:
        #
        #   ```evidence
        #   source: data/evidence.yml
        #   ```

        """

    /// Appends `entry`; returns the line to print (where it wrote).
    public func log(_ entry: Entry) throws -> String {
        let settings = FileReading.contents(of: root.appendingPathComponent("playbook.yml").path).map { String(decoding: $0, as: UTF8.self) }
        let (config, problems) = SiteConfigParser().parse(settings ?? "")
        if let problem = problems.first(where: { $0.severity == .error }) { throw Failure.refused(problem.description) }
        var entry = entry
        entry.skills = try Self.skills(entry.skills, known: config.skills)
        for text in [entry.title, entry.problem, entry.action, entry.outcome, entry.lesson].compactMap({ $0 }) + entry.impact {
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\t" }) else {
                throw Failure.refused("a value holds a control character or a line break; give each field on one line")
            }
        }
        if entry.title.trimmedSpaces.isEmpty { throw Failure.refused("the title must not be empty") }
        for figure in entry.impact where Evidence.Impact(figure) == nil {
            throw Failure.refused("--impact '\(figure)' must be 'what: figure' or 'what: before -> after' with numbers (p95 latency: 310ms -> 180ms)")
        }
        let path = config.evidenceFile
        let url: URL
        do {
            url = try SourcePath.checked(path, root: root, extensions: [".yml", ".yaml"], creating: true)
        } catch let refusal as SourcePath.Refusal {
            throw Failure.refused("\(path): \(refusal.reason); nothing was written")
        }
        let before = FileTree.kind(of: url)
        let original = FileReading.contents(of: url.path)
        let updated = try Self.appending(entry, to: original, path: path)
        do {
            try SourceReplacement.replace(url, with: updated, expecting: before)
        } catch SourceReplacement.Failure.changed {
            throw Failure.refused("\(path) changed while it was being written; nothing was written, run the command again")
        } catch SourceReplacement.Failure.cannotWrite(let reason) {
            throw Failure.refused(reason)
        }
        return "logged '\(entry.title)' (\(entry.date), \(entry.skills.joined(separator: ", "))) in \(path)"
    }

    /// The site's names of `written`; an unknown one is refused with the closest names.
    static func skills(_ written: [String], known: [String]) throws -> [String] {
        guard !written.isEmpty else { throw Failure.refused("name at least one skill with --skill (one of: \(known.joined(separator: ", ")))") }
        return try written.map { name in
            if let skill = known.first(where: { $0.lowercased() == name.trimmedSpaces.lowercased() }) { return skill }
            let close = known.filter { EditDistance.between($0.lowercased(), name.lowercased()) <= 3 }
            throw Failure.refused(
                "unknown skill '\(name)'" + (close.first.map { "; did you mean '\($0)'?" } ?? "") + " (skills: \(known.joined(separator: ", ")))")
        }
    }

    /// `original` (nil: no file yet) with `entry` appended as the list's last item, in the file's
    /// line endings, after its BOM and comments. Refused when the file is not a YAML list.
    static func appending(_ entry: Entry, to original: Data?, path: String) throws -> Data {
        guard let original, !original.isEmpty else { return Data((header + item(entry, newline: "\n")).utf8) }
        guard let text = String(data: original, encoding: .utf8) else { throw Failure.refused("\(path) is not UTF-8 text") }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        switch YAMLReader().read(body) {
        case .failure(let problem): throw Failure.refused("\(path) is not valid YAML (\(problem)); fix it first")
        case .success(let root):
            if let root, root.sequence == nil {
                throw Failure.refused("\(path) must be a YAML list of items (- date: …) for playbook log to add to it")
            }
        }
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        let separator = text.hasSuffix("\n") ? "" : newline
        return original + Data((separator + item(entry, newline: newline)).utf8)
    }

    /// The entry as a YAML list item, every value double-quoted.
    static func item(_ entry: Entry, newline: String) -> String {
        var lines = ["- date: \(entry.date)", "  title: \(quoted(entry.title))", "  skills: [\(entry.skills.map(quoted).joined(separator: ", "))]"]
        for (key, value) in [("problem", entry.problem), ("action", entry.action), ("outcome", entry.outcome), ("lesson", entry.lesson)] {
            if let value { lines.append("  \(key): \(quoted(value))") }
        }
        if !entry.impact.isEmpty { lines.append("  impact: [\(entry.impact.map(quoted).joined(separator: ", "))]") }
        return lines.joined(separator: newline) + newline
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
