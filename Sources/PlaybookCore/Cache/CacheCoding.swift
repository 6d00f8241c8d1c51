import Foundation

// The cache's encodings of the scalars and of the values whose coding is not their own fields: a
// page and a page source (their boxed fields), a page's texts (a place in a text file), its blocks (by
// kind) and the front matter's other keys (kept encoded until a template asks for them).
// `CacheCoding.generated.swift` codes every other cached type from these, field by field.

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

    /// Each kind's name, then its items; a kind the cache cannot store gets a count that no reader
    /// takes (the page's record is then refused, and the page rendered again).
    mutating func write(_ value: PageBlocks) {
        int(value.kinds.count)
        for kind in value.kinds {
            string(kind.name)
            if let write = blockItems.writers[kind.type] { write(kind.items, &self) } else { int(-1) }
        }
    }

    /// Pairs read from the cache and never decoded are written back as they were read.
    mutating func write(_ value: FrontMatterParams) {
        if let stored = value.undecoded as? EncodedParams { raw(stored.bytes) } else { params(value.value) }
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

    /// Items of the kinds `blockItems` can read.
    mutating func read(_ type: PageBlocks.Type) throws -> PageBlocks {
        var kinds: [PageBlocks.Kind] = []
        for _ in 0..<(try count()) {
            let name = try string()
            guard let kind = blockItems.readers[name] else { throw Corrupt() }
            kinds.append(PageBlocks.Kind(type: kind.type, name: name, items: try kind.read(&self)))
        }
        return PageBlocks(kinds: kinds)
    }

    /// Walked over now (a corrupt cache is refused whole), decoded when a template asks.
    mutating func read(_ type: FrontMatterParams.Type) throws -> FrontMatterParams {
        FrontMatterParams(stored: EncodedParams(bytes: try span { try $0.skipParams() }))
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

/// A block item type the cache stores (`CacheCoding.generated.swift` gives each its functions).
protocol CachedBlockItem: BlockItem {
    func write(to writer: inout BinaryWriter)
    static func read(from reader: inout BinaryReader) throws -> Self
}

/// How to write and read the items of each block kind a page may hold: made once for a build's kinds
/// (`BlockKinds.itemTypes`), so a page's blocks are coded without looking types up at run time.
struct BlockItemCoding: Sendable {
    typealias Read = @Sendable (inout BinaryReader) throws -> any BlockItems
    typealias Write = @Sendable (any BlockItems, inout BinaryWriter) -> Void
    /// By the item type's name, as the cache stores it.
    let readers: [String: (type: ObjectIdentifier, read: Read)]
    let writers: [ObjectIdentifier: Write]

    init(_ types: [String: any BlockItem.Type]) {
        func coding<Item: CachedBlockItem>(_ type: Item.Type) -> (Read, Write) {
            let read: Read = { reader in try reader.array { try Item.read(from: &$0) } as [Item] }
            let write: Write = { items, writer in
                // (Always of its type: the writers are found by it. Else a count no reader takes.)
                guard let items = items as? [Item] else { return writer.int(-1) }
                writer.array(items) { $1.write(to: &$0) }
            }
            return (read, write)
        }
        var (readers, writers) = ([String: (type: ObjectIdentifier, read: Read)](), [ObjectIdentifier: Write]())
        for (name, type) in types {
            guard let cached = type as? any CachedBlockItem.Type else { continue }
            let (read, write) = coding(cached)
            readers[name] = (ObjectIdentifier(type), read)
            writers[ObjectIdentifier(type)] = write
        }
        (self.readers, self.writers) = (readers, writers)
    }

    static let standard = BlockItemCoding(BlockKinds.standardItemTypes)
}

extension BlockKinds {
    /// How the build cache codes these kinds' items (made once for `standard`'s).
    var itemCoding: BlockItemCoding {
        Set(itemTypes.keys) == Set(Self.standard.itemTypes.keys) ? .standard : BlockItemCoding(itemTypes)
    }
}

/// Front matter pairs as the cache encoded them, decoded when a template asks (they are most of a
/// page's record, and only a page templated again needs them).
struct EncodedParams: StoredParams {
    let bytes: ArraySlice<UInt8>

    /// The bytes were checked when the page was read (`BinaryReader.skipParams`).
    func decode() -> [YAMLNode.Pair] {
        var reader = BinaryReader(bytes: Array(bytes))
        return (try? reader.params()) ?? []
    }
}
