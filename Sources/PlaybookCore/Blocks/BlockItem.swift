/// An evaluated item of a block kind, kept with its page (`PageBlocks`) for the dashboard and the
/// report: a KPI, a risk, a checklist … A kind's item type sits in its folder and is named by its
/// renderer (`BlockRenderer.itemTypes`), which is all the build cache needs to store it.
public protocol BlockItem: Hashable, Sendable {
    /// Where the item is written.
    var location: ItemLocation { get set }
    /// Moves the locations inside the item as well (a checklist's items); there are none by default.
    mutating func moveInnerLocations(_ change: (inout ItemLocation) -> Void)
}

extension BlockItem {
    public mutating func moveInnerLocations(_ change: (inout ItemLocation) -> Void) {}
}

/// One kind's items, as `PageBlocks` holds them.
protocol BlockItems: Sendable {
    var isEmpty: Bool { get }
    func isEqual(to other: any BlockItems) -> Bool
    func hash(into hasher: inout Hasher)
    /// These items and then `other`'s (of the same kind).
    func appending(_ other: any BlockItems) -> any BlockItems
    mutating func updateLocations(_ change: (inout ItemLocation) -> Void)
}

extension Array: BlockItems where Element: BlockItem {
    func isEqual(to other: any BlockItems) -> Bool { (other as? [Element]) == self }

    func appending(_ other: any BlockItems) -> any BlockItems { self + (other as? [Element] ?? []) }

    mutating func updateLocations(_ change: (inout ItemLocation) -> Void) {
        for index in indices {
            change(&self[index].location)
            self[index].moveInnerLocations(change)
        }
    }
}
