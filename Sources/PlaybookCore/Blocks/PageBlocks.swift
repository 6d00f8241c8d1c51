import Foundation

// The evaluated items of a page's blocks, kept with the rendered page (and in the build cache) so the
// dashboard and the status report are made from the same values the pages show. Texts are plain
// (Markdown already reduced to text); HTML and other escaping happens where they are written.

/// Every dashboard-relevant item of one page, by kind (`blocks[KPIEntry.self]`), each kind in page order.
public struct PageBlocks: Hashable, Sendable {
    /// One kind's items; the kinds sorted by name, so that equal blocks are equal lists.
    struct Kind: Hashable, Sendable {
        let type: ObjectIdentifier
        /// The item type's name (`PlaybookCore.KPIEntry`): the build cache stores the items under it.
        let name: String
        var items: any BlockItems

        static func == (left: Kind, right: Kind) -> Bool { left.type == right.type && left.items.isEqual(to: right.items) }

        func hash(into hasher: inout Hasher) {
            hasher.combine(type)
            items.hash(into: &hasher)
        }
    }

    private(set) var kinds: [Kind] = []

    /// The items of one kind.
    public subscript<Item: BlockItem>(_ type: Item.Type) -> [Item] {
        get { kinds.first { $0.type == ObjectIdentifier(Item.self) }?.items as? [Item] ?? [] }
        set {
            let type = ObjectIdentifier(Item.self)
            if let index = kinds.firstIndex(where: { $0.type == type }) {
                if newValue.isEmpty { kinds.remove(at: index) } else { kinds[index].items = newValue }
            } else if !newValue.isEmpty {
                add(Kind(type: type, name: String(reflecting: Item.self), items: newValue))
            }
        }
    }

    /// No items.
    public static var empty: PageBlocks { PageBlocks() }

    public var isEmpty: Bool { kinds.isEmpty }

    /// Blocks of the kinds `kinds` holds (the build cache's).
    init(kinds: [Kind]) { for kind in kinds where !kind.items.isEmpty { add(kind) } }

    init() {}

    private mutating func add(_ kind: Kind) {
        let index = kinds.firstIndex { $0.name > kind.name } ?? kinds.endIndex
        kinds.insert(kind, at: index)
    }

    mutating func append(_ other: PageBlocks) {
        for kind in other.kinds {
            if let index = kinds.firstIndex(where: { $0.type == kind.type }) {
                kinds[index].items = kinds[index].items.appending(kind.items)
            } else {
                add(kind)
            }
        }
    }

    /// Places lines read relative to a block (or a data file) in `file`, `offset` lines down.
    mutating func locate(in file: String, lineOffset offset: Int) {
        updateLocations { location in
            location.file = file
            location.line += offset
        }
    }

    /// Calls `change` on the location of every item.
    mutating func updateLocations(_ change: (inout ItemLocation) -> Void) {
        for index in kinds.indices { kinds[index].items.updateLocations(change) }
    }
}
