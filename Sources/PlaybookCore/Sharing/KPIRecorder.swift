import Foundation
import PlaybookMarkdown

/// `playbook record "KPI name" VALUE`: appends a dated figure to the series file of a KPI (or replaces
/// the figure of that date), creating the file with its header when the KPI names one that does not
/// exist yet, and tells the KPI's new status.
///
/// The edit changes only the row it must: the rest of the file stays byte for byte (BOM, line ends,
/// other rows, notes). It is written to a temporary file beside it with the file's mode and renamed
/// over it, and refused when the file changed between reading and writing.
public struct KPIRecorder {
    public enum Failure: Error, CustomStringConvertible {
        case refused(String)
        public var description: String {
            switch self {
            case .refused(let text): return text
            }
        }
    }

    /// A KPI item found on a page.
    struct Found {
        var name: String
        var item: YAMLNode
        var file: String
        var line: Int
    }

    public var root: URL
    public var today: Day

    public init(root: URL, today: Day) {
        self.root = root.standardizedFileURL
        self.today = today
    }

    /// Every KPI written in the pages' `kpi` blocks (items given inline; items from `source:` have no series).
    func kpis() -> [Found] {
        var warnings: [Diagnostic] = []
        var found: [Found] = []
        for entry in FileTree.regularFiles(below: root.appendingPathComponent("content"), display: "content", warnings: &warnings)
        where MarkdownFileName.matches(entry.path) {
            guard let data = FileReading.contents(of: entry.url.path) else { continue }
            let path = "content/" + entry.path
            for block in PageCodeBlocks(page: data, path: path, language: "kpi").blocks {
                guard case .success(let root?) = YAMLReader().read(block.block.literal) else { continue }
                for item in root.sequence ?? root["items"]?.sequence ?? [] {
                    guard let name = item["name"]?.scalarText else { continue }
                    found.append(Found(name: name, item: item, file: path, line: block.fenceLine + item.line))
                }
            }
        }
        return found
    }

    /// Records `valueText` on `date` (today when nil) for the KPI named `name`; returns the line to print.
    public func record(name: String, value valueText: String, date: Day? = nil) throws -> String {
        let day = date ?? today
        try Self.refuseControlCharacters(valueText)
        let kpi = try kpi(named: name)
        guard let series = kpi.item["series"]?.scalarText else {
            throw Failure.refused(
                "KPI '\(kpi.name)' (\(kpi.file):\(kpi.line)) has no series file to record into; add 'series: data/NAME.csv' to it")
        }
        guard series.hasPrefix("data/"), !series.contains(".."), series.lowercased().hasSuffix(".csv") else {
            throw Failure.refused(
                "KPI '\(kpi.name)' takes its figures from '\(series)'; record writes CSV series under data/ (a Prometheus .json file is exported, not edited)"
            )
        }
        let value = try Self.value(valueText, for: kpi)
        let url: URL
        do {
            url = try SourcePath.checked(series, root: root, extensions: [".csv"], creating: true)
        } catch let refusal as SourcePath.Refusal {
            throw Failure.refused("\(series): \(refusal.reason); nothing was written")
        }
        let before = FileTree.kind(of: url)
        let original: Data?
        switch before {
        case .missing: original = nil
        case .file: original = FileReading.contents(of: url.path)
        default: throw Failure.refused("\(series) is not a regular file")
        }
        let updated = try Self.edit(original, day: day, value: valueText.trimmedSpaces, path: series)
        do {
            try SourceReplacement.replace(url, with: updated, expecting: before)
        } catch SourceReplacement.Failure.changed {
            throw Failure.refused("\(series) changed while it was being recorded into; nothing was written, try again")
        } catch SourceReplacement.Failure.cannotWrite(let reason) {
            throw Failure.refused(reason)
        }
        return summary(of: kpi, recorded: valueText, value: value, on: day, series: series, updated: updated)
    }

    /// A value with a control character (a line break, a tab) is refused, shown with escapes.
    private static func refuseControlCharacters(_ valueText: String) throws {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
        }
        guard valueText.unicodeScalars.contains(where: isControl) else { return }
        let shown = valueText.unicodeScalars.map { isControl($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        throw Failure.refused(
            "the value '\(shown)' holds a control character (a line break or tab?); give a number and an optional unit on one line, such as 180ms"
        )
    }

    /// The one KPI named `name` (in any case); refused, with the near names or the duplicates, otherwise.
    private func kpi(named name: String) throws -> Found {
        let all = kpis()
        let matches = all.filter { $0.name.lowercased() == name.lowercased() }
        guard !matches.isEmpty else {
            let lowered = name.lowercased()
            let words = lowered.split(separator: " ")
            let near = all.filter { kpi in
                let candidate = kpi.name.lowercased()
                return candidate.contains(lowered) || EditDistance.between(candidate, lowered) <= 3 || words.allSatisfy { candidate.contains($0) }
            }
            let list = (near.isEmpty ? all : near).map { "  \($0.name) (\($0.file):\($0.line))" }.joined(separator: "\n")
            throw Failure.refused("no KPI is named '\(name)'; \(near.isEmpty ? "the KPIs are" : "did you mean"):\n\(list)")
        }
        guard matches.count == 1, let kpi = matches.first else {
            let list = matches.map { "  \($0.name) (\($0.file):\($0.line))" }.joined(separator: "\n")
            throw Failure.refused("'\(name)' names \(matches.count) KPIs; give one a distinct name:\n\(list)")
        }
        return kpi
    }

    /// `valueText` as a figure of `kpi` (in its `unit:` when it names none); refused when it is not a
    /// number or cannot be compared with the target.
    private static func value(_ valueText: String, for kpi: Found) throws -> Quantity {
        let unit = kpi.item["unit"]?.scalarText.map(MeasureUnit.init) ?? MeasureUnit.none
        guard var value = Quantity(valueText.trimmedSpaces) else {
            throw Failure.refused("'\(valueText)' is not a number with an optional unit (such as 180ms or 99.9%)")
        }
        if value.unit == .none { value.unit = unit }
        if let targetText = kpi.item["target"]?.scalarText, case .target(var target) = Target.parse(targetText) {
            if target.quantity.unit == .none { target.quantity.unit = unit }
            guard value.unit.isComparable(with: target.quantity.unit) else {
                let written = value.unit.description.isEmpty ? "no unit" : value.unit.description
                let wanted = target.quantity.unit.description.isEmpty ? "no unit" : target.quantity.unit.description
                throw Failure.refused("\(valueText) (\(written)) cannot be compared with the target of '\(kpi.name)', \(targetText) (\(wanted))")
            }
        }
        return value
    }

    /// The KPI as the next build will show it, in one line.
    private func summary(of kpi: Found, recorded valueText: String, value: Quantity, on day: Day, series: String, updated: Data) -> String {
        var problems: [Diagnostic] = []
        guard let evaluated = KPIBlock.read(kpi.item, problems: &problems, dataFiles: [series: updated], today: today) else {
            return "\(kpi.name): recorded \(valueText) on \(day) in \(series), but the KPI has errors: "
                + problems.map(\.message).joined(separator: "; ")
        }
        let target = evaluated.target.map { " (target \($0.formatted))" } ?? ""
        let trend = evaluated.trend.map { ", \($0.rawValue)" } ?? ""
        let latest = evaluated.actual?.formatted ?? value.formatted
        let when = evaluated.dates.last.map { "\($0)" } ?? "\(day)"
        return "\(kpi.name): \(latest) on \(when), \(evaluated.status.label)\(target)\(trend)"
    }

    /// The file with the figure of `day` replaced, or a row appended; a new file gets its header.
    static func edit(_ original: Data?, day: Day, value: String, path: String) throws -> Data {
        let cellValue = csvCell(value)
        guard let original, !original.isEmpty else { return Data("date,value\n\(day),\(cellValue)\n".utf8) }
        guard var lines = TextLines(original) else {
            throw Failure.refused("\(path): \(TextLines.problem(with: original) ?? "cannot be read"); fix it before recording")
        }
        guard let headerLine = (0..<lines.count).map({ $0 + 1 }).first(where: { !(lines.content($0) ?? "").trimmedSpaces.isEmpty }) else {
            return Data("date,value\n\(day),\(cellValue)\n".utf8)
        }
        let header = CSVItems.records(lines.content(headerLine) ?? "").rows.first?.cells.map { $0.trimmedSpaces.lowercased() } ?? []
        guard let dateColumn = header.firstIndex(of: "date"), let valueColumn = header.firstIndex(of: "value") else {
            throw Failure.refused("\(path): the header must name the columns 'date' and 'value'")
        }
        var replaced = false
        for number in stride(from: headerLine + 1, through: lines.count, by: 1) {
            let line = lines.content(number) ?? ""
            guard !line.trimmedSpaces.isEmpty else { continue }
            let (rows, problems) = CSVItems.records(line)
            guard problems.isEmpty, rows.count == 1, var cells = rows.first?.cells else {
                throw Failure.refused("\(path):\(number): this row cannot be read on its own (a quote across lines?); fix it by hand")
            }
            guard dateColumn < cells.count, cells[dateColumn].trimmedSpaces == "\(day)" else { continue }
            while cells.count <= valueColumn { cells.append("") }
            cells[valueColumn] = value
            lines.setContent(number, cells.map(csvCell).joined(separator: ","))
            replaced = true
        }
        if !replaced {
            var cells = Array(repeating: "", count: header.count)
            cells[dateColumn] = "\(day)"
            cells[valueColumn] = value
            lines.append(cells.map(csvCell).joined(separator: ","))
        }
        return lines.data
    }

    /// A CSV cell, quoted when it has to be.
    static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text != text.trimmedSpaces else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
