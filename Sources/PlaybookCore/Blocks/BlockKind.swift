/// The kinds of generated block: the info string of a fenced code block names one (```` ```kpi ````).
///
/// This enum is the one registry of block kinds. Adding a kind is a case here, its line in
/// `renderer`, and one file with a type implementing `BlockRenderer`.
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
}

/// One kind of generated block: reads its items (each with `FieldReader.item`), evaluates them,
/// renders HTML, and hands the evaluated items to the page (`BlockResult.items`) for the dashboard.
protocol BlockRenderer {
    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult
}
