/// The kinds of generated block: the info string of a fenced code block names one (```` ```kpi ````).
///
/// This enum is the one registry of block kinds. Adding a kind is a folder beside the others
/// (`Blocks/KPI/`) with a type implementing `BlockRenderer`, a case here and its line in `renderer`;
/// a kind that feeds the dashboard adds its `DashboardPart` to `dashboardParts`.
enum BlockKind: String, CaseIterable, Sendable {
    case kpi, checklist, risks, priorities, cadence, script, phrases

    /// The renderer of this kind.
    var renderer: any BlockRenderer {
        switch self {
        case .kpi: return KPIBlock()
        case .checklist: return ChecklistBlock()
        case .risks: return RiskBlock()
        case .priorities: return PriorityBlock()
        case .cadence: return CadenceBlock()
        case .script: return ScriptBlock()
        case .phrases: return PhrasesBlock()
        }
    }

    /// What the dashboard and the report show, part by part, in this order (the headline's).
    static let dashboardParts: [any DashboardPart.Type] = [
        KPIDashboard.self, RiskDashboard.self, PriorityDashboard.self, ChecklistDashboard.self, CadenceDashboard.self, ScriptDashboard.self,
        PhrasesDashboard.self,
    ]
}

/// One kind of generated block: reads its items (each with `FieldReader.item`), evaluates them,
/// renders HTML, and hands the evaluated items to the page (`BlockResult.items`) for the dashboard.
protocol BlockRenderer {
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
