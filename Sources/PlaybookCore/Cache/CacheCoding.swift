import Foundation

// The cache's encodings of the scalars and of the values whose coding is not their fields: a page's
// texts (a place in a text file), a page and a page source (their boxed fields) and the front matter's other keys (kept encoded until a template
// asks for them). `CacheCoding.generated.swift` codes every other cached type from these, field by
// field.

extension BinaryWriter {
    mutating func write(_ value: String) { string(value) }
    mutating func write(_ value: Int) { int(value) }
    mutating func write(_ value: Bool) { bool(value) }
    mutating func write(_ value: UInt64) { uint64(value) }
    mutating func write(_ value: Data) { data(value) }
    mutating func write(_ value: RenderedPage) { write(value.fields) }
    mutating func write(_ value: PageSource) { write(value.fields) }
    /// An enum as its raw text.
    mutating func write<Value: RawRepresentable>(_ value: Value) where Value.RawValue == String { string(value.rawValue) }

    /// The texts' place, which `textLocation` gives (the writer of the texts set it).
    mutating func write(_ value: PageText) {
        let location = textLocation ?? (0, 0, 0)
        int(location.file)
        int(location.offset)
        int(location.length)
    }

    /// Pairs read from the cache and never decoded are written back as they were read.
    mutating func write(_ value: FrontMatterParams) {
        if let bytes = value.undecoded { raw(bytes) } else { params(value.value) }
    }
}

extension BinaryReader {
    mutating func read(_ type: String.Type) throws -> String { try string() }
    mutating func read(_ type: Int.Type) throws -> Int { try int() }
    mutating func read(_ type: Bool.Type) throws -> Bool { try bool() }
    mutating func read(_ type: UInt64.Type) throws -> UInt64 { try uint64() }
    mutating func read(_ type: Data.Type) throws -> Data { try data() }
    mutating func read(_ type: RenderedPage.Type) throws -> RenderedPage { RenderedPage(try read(RenderedPage.Fields.self)) }
    mutating func read(_ type: PageSource.Type) throws -> PageSource { PageSource(try read(PageSource.Fields.self)) }
    /// An enum stored as its raw text; an unknown text means a corrupt cache.
    mutating func read<Value: RawRepresentable>(_ type: Value.Type) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: try string()) else { throw Corrupt() }
        return value
    }

    /// Texts read from their text file (`textFile`) when asked for.
    mutating func read(_ type: PageText.Type) throws -> PageText {
        let (number, offset, length) = (try int(), try int(), try int())
        guard let file = textFile?(number), offset >= 0, length >= 0, offset <= file.size - length else { throw Corrupt() }
        return PageText(stored: TextLocation(segment: file, offset: offset, length: length))
    }

    /// Walked over now (a corrupt cache is refused whole), decoded when a template asks.
    mutating func read(_ type: FrontMatterParams.Type) throws -> FrontMatterParams {
        FrontMatterParams(encoded: try span { try $0.skipParams() })
    }
}

extension BinaryWriter {
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
            params(pairs)
        }
    }

    mutating func params(_ pairs: [YAMLNode.Pair]) {
        array(pairs) {
            $0.string($1.key)
            $0.yaml($1.value)
        }
    }
}

extension BinaryReader {
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
        case 2: return YAMLNode(kind: .mapping(try params()), line: line)
        default: throw Corrupt()
        }
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
            case 2: try skipParams()
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
}
