/// The kinds of generated block: the info string of a fenced code block names one (```` ```kpi ````).
///
/// `standard` is the one registry of block kinds. Adding a kind is a folder beside the others
/// (`Blocks/KPI/`) with a type implementing `BlockRenderer` and its line in `standard`; a kind that
/// feeds the dashboard names its item types and its `DashboardPart` in its renderer.
public struct BlockKinds: Sendable {
    /// In the order their dashboard parts appear (in the headline, the dashboard and the report).
    private var renderers: [any BlockRenderer]
    private var byName: [String: any BlockRenderer]
    /// The item types the kinds give pages (`PageBlocks`), by name.
    let itemTypes: [String: any BlockItem.Type]

    init(_ renderers: [any BlockRenderer]) {
        self.renderers = renderers
        byName = Dictionary(renderers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        itemTypes = Dictionary(renderers.flatMap(\.itemTypes).map { (String(reflecting: $0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static let standard = BlockKinds([
        KPIBlock(), RiskBlock(), PriorityBlock(), ChecklistBlock(), CadenceBlock(), EvidenceBlock(), ScriptBlock(), PhrasesBlock(),
    ])

    /// The renderer of the kind an info string names; nil for an ordinary code block.
    func renderer(named name: String) -> (any BlockRenderer)? { byName[name] }

    /// These kinds and `renderer` (a test's own kind).
    func adding(_ renderer: any BlockRenderer) -> BlockKinds {
        BlockKinds(renderers.filter { $0.name != renderer.name } + [renderer])
    }

    /// What the dashboard and the report show, part by part, in this order (the headline's).
    var dashboardParts: [any DashboardPart.Type] { renderers.compactMap(\.dashboardPart) }

    /// `standard`'s item types.
    static var standardItemTypes: [String: any BlockItem.Type] { standard.itemTypes }

    /// The kinds' names, sorted (they are part of what a page's HTML depends on).
    var names: [String] { byName.keys.sorted() }
}

/// One kind of generated block: reads its items (each with `FieldReader.item`), evaluates them,
/// renders HTML, and hands the evaluated items to the page (`BlockResult.items`) for the dashboard.
protocol BlockRenderer: Sendable {
    /// The info string that names the kind (`kpi`).
    var name: String { get }
    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult
    /// Options a block written as a mapping takes besides `items`, `title` and `source`.
    var extraOptions: [String] { get }
    /// Whether `mapping` is the block's one item rather than its options (a script written as `text: …`).
    func takesAsItem(_ mapping: YAMLNode) -> Bool
    /// The error for a block mapping with neither `items:` nor `source:`.
    func missingItems(kind: String) -> String
    /// The types of the items it gives the page (`BlockResult.items`) for the dashboard.
    var itemTypes: [any BlockItem.Type] { get }
    /// Its share of the dashboard and the report, if it has one.
    var dashboardPart: (any DashboardPart.Type)? { get }
}

extension BlockRenderer {
    var extraOptions: [String] { [] }
    var itemTypes: [any BlockItem.Type] { [] }
    var dashboardPart: (any DashboardPart.Type)? { nil }
    func takesAsItem(_ mapping: YAMLNode) -> Bool { false }
    func missingItems(kind: String) -> String { "\(kind): a block mapping needs 'items:' (a list) or 'source: data/FILE'" }
}
