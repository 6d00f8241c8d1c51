/// A fill-in script on a page: the dashboard points to the pages that have one.
public struct ScriptEntry: BlockItem {
    public var location: ItemLocation
}
