import Foundation
import PlaybookMarkdown

// Binary encodings of the values the build cache keeps. Field order is the format: bump
// `BuildCache.formatVersion` when it changes.

extension BinaryWriter {
    mutating func day(_ day: Day) {
        int(day.year)
        int(day.month)
        int(day.day)
    }

    mutating func yaml(_ node: YAMLNode) {
        int(node.line)
        switch node.kind {
        case .scalar(let text, let type):
            int(0)
            string(text)
            int([YAMLNode.ScalarType.null, .bool, .int, .float, .string].firstIndex(of: type)!)
        case .sequence(let items):
            int(1)
            array(items) { $0.yaml($1) }
        case .mapping(let pairs):
            int(2)
            array(pairs) {
                $0.string($1.key)
                $0.yaml($1.value)
            }
        }
    }

    mutating func frontMatter(_ matter: FrontMatter) {
        optional(matter.title) { $0.string($1) }
        optional(matter.summary) { $0.string($1) }
        optional(matter.weight) { $0.int($1) }
        optional(matter.date) { $0.day($1) }
        bool(matter.draft)
        array(matter.tags) { $0.string($1) }
        optional(matter.slug) { $0.string($1) }
        optional(matter.layout) { $0.string($1) }
        optional(matter.slugLine) { $0.int($1) }
        optional(matter.layoutLine) { $0.int($1) }
        // Pairs read from the cache and never decoded are written back as they were read.
        if let bytes = matter.storedParams.undecoded { raw(bytes) } else { params(matter.params) }
    }

    mutating func params(_ pairs: [YAMLNode.Pair]) {
        array(pairs) {
            $0.string($1.key)
            $0.yaml($1.value)
        }
    }

    mutating func source(_ page: PageSource) {
        string(page.path)
        array(page.folders) { $0.string($1) }
        string(page.baseName)
        string(page.kind.rawValue)
        frontMatter(page.frontMatter)
        string(page.body)
        int(page.bodyLineOffset)
    }

    /// A page without its texts, which are in text file `segment` at `offset` (`length` bytes).
    mutating func rendered(_ page: RenderedPage, texts segment: Int, offset: Int, length: Int) {
        source(page.source)
        string(page.outputPath)
        string(page.title)
        string(page.summary)
        int(segment)
        int(offset)
        int(length)
        array(page.headings) {
            $0.int($1.level)
            $0.string($1.text)
            $0.string($1.id)
            $0.int($1.line)
        }
        bool(page.startsWithTitle)
        array(page.links) {
            $0.string($1.targetPath)
            $0.optional($1.fragment) { $0.string($1) }
            $0.int($1.line)
            $0.string($1.written)
        }
        array(page.attachments) {
            $0.string($1.path)
            $0.data($1.data)
        }
        blocks(page.blocks)
    }

    mutating func location(_ location: ItemLocation) {
        string(location.page)
        string(location.file)
        int(location.line)
        int(location.blockLine)
        optional(location.anchor) { $0.string($1) }
    }

    mutating func blocks(_ blocks: PageBlocks) {
        array(blocks.kpis) { writer, kpi in
            writer.string(kpi.name)
            writer.optional(kpi.group) { $0.string($1) }
            writer.optional(kpi.target) { $0.string($1) }
            writer.optional(kpi.actual) { $0.string($1) }
            writer.string(kpi.status.rawValue)
            writer.optional(kpi.trend) { $0.string($1.rawValue) }
            writer.array(kpi.points) { $0.string($1) }
            writer.location(kpi.location)
            writer.optional(kpi.staleSince) { $0.day($1) }
        }
        array(blocks.risks) { writer, risk in
            writer.string(risk.risk)
            writer.int(risk.likelihood)
            writer.int(risk.impact)
            writer.int(risk.score)
            writer.string(risk.band.rawValue)
            writer.optional(risk.owner) { $0.string($1) }
            writer.bool(risk.escalate)
            writer.optional(risk.reviewDue) { $0.day($1) }
            writer.location(risk.location)
        }
        array(blocks.priorities) { writer, item in
            writer.string(item.task)
            writer.int(item.score)
            writer.string(item.band.rawValue)
            writer.int(item.rank)
            writer.optional(item.blockTitle) { $0.string($1) }
            writer.location(item.location)
        }
        array(blocks.checklists) { writer, list in
            writer.optional(list.title) { $0.string($1) }
            writer.array(list.items) { writer, item in
                writer.string(item.text)
                writer.bool(item.done)
                writer.optional(item.due) { $0.day($1) }
                writer.optional(item.owner) { $0.string($1) }
                writer.optional(item.day) { $0.string($1) }
                writer.string(item.id)
                writer.location(item.location)
            }
            writer.location(list.location)
        }
        array(blocks.meetings) { writer, meeting in
            writer.string(meeting.name)
            writer.optional(meeting.every) { $0.string($1) }
            writer.optional(meeting.start) { writer, start in
                writer.day(start.day)
                writer.int(start.hour)
                writer.int(start.minute)
            }
            writer.optional(meeting.minutes) { $0.int($1) }
            writer.optional(meeting.audience) { $0.string($1) }
            writer.location(meeting.location)
        }
        int(blocks.scripts)
        int(blocks.phrases)
    }

    mutating func diagnostic(_ diagnostic: Diagnostic) {
        string(diagnostic.severity.rawValue)
        string(diagnostic.location.path)
        optional(diagnostic.location.line) { $0.int($1) }
        string(diagnostic.message)
    }
}

extension BinaryReader {
    mutating func day() throws -> Day {
        var day = Day(unixTime: 0)
        day.year = try int()
        day.month = try int()
        day.day = try int()
        return day
    }

    mutating func yaml() throws -> YAMLNode {
        let line = try int()
        switch try int() {
        case 0:
            let text = try string()
            let types: [YAMLNode.ScalarType] = [.null, .bool, .int, .float, .string]
            let index = try int()
            guard types.indices.contains(index) else { throw Corrupt() }
            return YAMLNode(kind: .scalar(text, types[index]), line: line)
        case 1: return YAMLNode(kind: .sequence(try array { try $0.yaml() }), line: line)
        case 2:
            return YAMLNode(kind: .mapping(try array { YAMLNode.Pair(key: try $0.string(), value: try $0.yaml()) }), line: line)
        default: throw Corrupt()
        }
    }

    mutating func frontMatter() throws -> FrontMatter {
        var matter = FrontMatter()
        matter.title = try optional { try $0.string() }
        matter.summary = try optional { try $0.string() }
        matter.weight = try optional { try $0.int() }
        matter.date = try optional { try $0.day() }
        matter.draft = try bool()
        matter.tags = try array { try $0.string() }
        matter.slug = try optional { try $0.string() }
        matter.layout = try optional { try $0.string() }
        matter.slugLine = try optional { try $0.int() }
        matter.layoutLine = try optional { try $0.int() }
        // Walked over now (a corrupt cache is refused whole), decoded when a template asks.
        matter.storedParams = FrontMatterParams(encoded: try span { try $0.skipParams() })
        return matter
    }

    /// Skips what `params()` reads, making nothing.
    mutating func skipParams() throws {
        func skipYAML() throws {
            _ = try int()
            switch try int() {
            case 0:
                try skipString()
                guard (0..<5).contains(try int()) else { throw Corrupt() }
            case 1: for _ in 0..<(try count()) { try skipYAML() }
            case 2:
                for _ in 0..<(try count()) {
                    try skipString()
                    try skipYAML()
                }
            default: throw Corrupt()
            }
        }
        for _ in 0..<(try count()) {
            try skipString()
            try skipYAML()
        }
    }

    mutating func params() throws -> [YAMLNode.Pair] {
        try array { YAMLNode.Pair(key: try $0.string(), value: try $0.yaml()) }
    }

    mutating func source() throws -> PageSource {
        let path = try string()
        let folders = try array { try $0.string() }
        let baseName = try string()
        guard let kind = PageKind(rawValue: try string()) else { throw Corrupt() }
        return PageSource(
            path: path, folders: folders, baseName: baseName, kind: kind, frontMatter: try frontMatter(),
            body: try string(), bodyLineOffset: try int())
    }

    /// A page whose texts are read from its text file when asked for; `segment` gives the open text
    /// file of a number (nil: missing, the cache is then ignored).
    mutating func rendered(segment: (Int) -> TextSegment?) throws -> RenderedPage {
        let source = try source()
        let (outputPath, title, summary) = (try string(), try string(), try string())
        let (number, offset, length) = (try int(), try int(), try int())
        guard let file = segment(number), offset >= 0, length >= 0, offset <= file.size - length else { throw Corrupt() }
        return RenderedPage(
            source: source, outputPath: outputPath, title: title, summary: summary,
            headings: try array { Heading(level: try $0.int(), text: try $0.string(), id: try $0.string(), line: try $0.int()) },
            startsWithTitle: try bool(),
            links: try array {
                InternalLink(targetPath: try $0.string(), fragment: try $0.optional { try $0.string() }, line: try $0.int(), written: try $0.string())
            },
            attachments: try array { OutputFile(path: try $0.string(), data: try $0.data()) }, blocks: try blocks(),
            text: PageText(stored: TextLocation(segment: file, offset: offset, length: length)))
    }

    mutating func location() throws -> ItemLocation {
        ItemLocation(page: try string(), file: try string(), line: try int(), blockLine: try int(), anchor: try optional { try $0.string() })
    }

    /// An enum stored as its raw text; an unknown text means a corrupt cache.
    mutating func value<Value: RawRepresentable>(_ type: Value.Type) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: try string()) else { throw Corrupt() }
        return value
    }

    mutating func blocks() throws -> PageBlocks {
        var blocks = PageBlocks()
        blocks.kpis = try array { reader in
            KPIEntry(
                name: try reader.string(), group: try reader.optional { try $0.string() }, target: try reader.optional { try $0.string() },
                actual: try reader.optional { try $0.string() }, status: try reader.value(KPIStatus.self),
                trend: try reader.optional { reader -> Trend in
                    guard let trend = Trend(rawValue: try reader.string()) else { throw Corrupt() }
                    return trend
                },
                points: try reader.array { try $0.string() }, location: try reader.location(), staleSince: try reader.optional { try $0.day() })
        }
        blocks.risks = try array { reader in
            RiskEntry(
                risk: try reader.string(), likelihood: try reader.int(), impact: try reader.int(), score: try reader.int(),
                band: try reader.value(RiskBand.self), owner: try reader.optional { try $0.string() }, escalate: try reader.bool(),
                reviewDue: try reader.optional { try $0.day() }, location: try reader.location())
        }
        blocks.priorities = try array { reader in
            PriorityEntry(
                task: try reader.string(), score: try reader.int(), band: try reader.value(PriorityBand.self), rank: try reader.int(),
                blockTitle: try reader.optional { try $0.string() }, location: try reader.location())
        }
        blocks.checklists = try array { reader in
            ChecklistEntry(
                title: try reader.optional { try $0.string() },
                items: try reader.array { reader in
                    ChecklistEntry.Item(
                        text: try reader.string(), done: try reader.bool(), due: try reader.optional { try $0.day() },
                        owner: try reader.optional { try $0.string() }, day: try reader.optional { try $0.string() },
                        id: try reader.string(), location: try reader.location())
                }, location: try reader.location())
        }
        blocks.meetings = try array { reader in
            MeetingEntry(
                name: try reader.string(), every: try reader.optional { try $0.string() },
                start: try reader.optional { LocalDateTime(day: try $0.day(), hour: try $0.int(), minute: try $0.int()) },
                minutes: try reader.optional { try $0.int() }, audience: try reader.optional { try $0.string() },
                location: try reader.location())
        }
        blocks.scripts = try int()
        blocks.phrases = try int()
        return blocks
    }

    mutating func diagnostic() throws -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try string()) else { throw Corrupt() }
        let path = try string()
        let line = try optional { try $0.int() }
        return Diagnostic(severity, SourceLocation(path: path, line: line), try string())
    }
}
