import Foundation

public struct ChecklistEntry: BlockItem {
    public struct Item: Hashable, Sendable {
        public var text: String
        public var done: Bool
        public var due: Day?
        public var owner: String?
        public var day: String?
        /// Where the browser remembers the tick (`playbook:PAGE:ID`).
        public var id: String
        /// The item's own line; it links to its list.
        public var location: ItemLocation
    }

    public var title: String?
    public var items: [Item]
    public var location: ItemLocation
}

extension ChecklistEntry {
    public mutating func moveInnerLocations(_ change: (inout ItemLocation) -> Void) {
        for index in items.indices { change(&items[index].location) }
    }
}
