/// The kinds of generated block: the info string of a fenced code block names one (```` ```kpi ````).
///
/// `standard` is the one registry of block kinds. Adding a kind is a folder beside the others
/// (`Blocks/KPI/`) with a type implementing `BlockRenderer` and its line in `standard`; a kind that
/// feeds the dashboard adds its `DashboardPart` to `dashboardParts`.
public struct BlockKinds: Sendable {
    private var byName: [String: any BlockRenderer]

    init(_ renderers: [any BlockRenderer]) {
        byName = Dictionary(renderers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static let standard = BlockKinds([
        KPIBlock(), ChecklistBlock(), RiskBlock(), PriorityBlock(), CadenceBlock(), ScriptBlock(), PhrasesBlock(),
    ])

    /// The renderer of the kind an info string names; nil for an ordinary code block.
    func renderer(named name: String) -> (any BlockRenderer)? { byName[name] }

    /// These kinds and `renderer` (a test's own kind).
    func adding(_ renderer: any BlockRenderer) -> BlockKinds {
        var kinds = self
        kinds.byName[renderer.name] = renderer
        return kinds
    }

    /// The kinds' names, sorted (they are part of what a page's HTML depends on).
    var names: [String] { byName.keys.sorted() }
}

extension BlockKinds {
    /// What the dashboard and the report show, part by part, in this order (the headline's).
    static let dashboardParts: [any DashboardPart.Type] = [
        KPIDashboard.self, RiskDashboard.self, PriorityDashboard.self, ChecklistDashboard.self, CadenceDashboard.self, ScriptDashboard.self,
        PhrasesDashboard.self,
    ]
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
}

extension BlockRenderer {
    var extraOptions: [String] { [] }
    func takesAsItem(_ mapping: YAMLNode) -> Bool { false }
    func missingItems(kind: String) -> String { "\(kind): a block mapping needs 'items:' (a list) or 'source: data/FILE'" }
}
