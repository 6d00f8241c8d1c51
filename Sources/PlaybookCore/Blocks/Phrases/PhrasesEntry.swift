/// A phrase list on a page: the dashboard points to the pages that have one.
public struct PhrasesEntry: BlockItem {
    public var location: ItemLocation
}
