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
        array(matter.params) {
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

    mutating func rendered(_ page: RenderedPage) {
        source(page.source)
        string(page.outputPath)
        string(page.title)
        string(page.summary)
        string(page.html)
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
        string(page.plainText)
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
        matter.params = try array { YAMLNode.Pair(key: try $0.string(), value: try $0.yaml()) }
        return matter
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

    mutating func rendered() throws -> RenderedPage {
        let source = try source()
        return RenderedPage(
            source: source, outputPath: try string(), title: try string(), summary: try string(), html: try string(),
            headings: try array { Heading(level: try $0.int(), text: try $0.string(), id: try $0.string(), line: try $0.int()) },
            startsWithTitle: try bool(),
            links: try array {
                InternalLink(targetPath: try $0.string(), fragment: try $0.optional { try $0.string() }, line: try $0.int(), written: try $0.string())
            },
            attachments: try array { OutputFile(path: try $0.string(), data: try $0.data()) },
            plainText: try string())
    }

    mutating func diagnostic() throws -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try string()) else { throw Corrupt() }
        let path = try string()
        let line = try optional { try $0.int() }
        return Diagnostic(severity, SourceLocation(path: path, line: line), try string())
    }
}
