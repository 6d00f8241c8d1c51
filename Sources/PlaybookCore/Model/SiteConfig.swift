/// Settings from `playbook.yml` at the site root; every key is optional.
public struct SiteConfig: Hashable, Sendable {
    public var title = "My Playbook"
    public var author: String?
    public var description: String?
    public var language = "en"
    public var baseURL: String?
    public var theme = "default"
    public var unsafeHTML = false
    public var smartPunctuation = true
    /// Risk score at which a risk is flagged for escalation, unless a risk sets `escalate_at`.
    public var escalateAt = 15
    /// Weights of the priority score: `impact·I + urgency·U − effort·E − risk·R`.
    public var priorityWeights = PriorityWeights()
    /// Lowest score of the medium, high and critical risk bands (below medium is low).
    public var riskBands = RiskBands()
    /// Whether a build also writes the one-file export `playbook.html`.
    public var export = ExportPolicy.auto
    /// Whether a build writes `dashboard.html`: nil (`auto`) when any page has KPIs, risks,
    /// priorities, checklists or a cadence.
    public var dashboard: Bool?
    /// What a link to a missing page, file or `#heading` is: a warning (the site still builds; `--strict`
    /// makes it an error) or, with `links: error`, always an error.
    public var brokenLinks = Diagnostic.Severity.warning
    /// Whether fenced code with a language is highlighted at build time (with Pygments).
    public var highlight = true
    /// Whether the search index is split into shards loaded on demand: nil (`auto`) when the pages
    /// hold more than `SearchIndexBuilder.inlineLimit` bytes of text.
    public var searchShards: Bool?
    /// The skills evidence items name (`skills:`): what a hiring manager scans for, by default.
    public var skills = ["clear communication", "solving problems early", "business sense", "ownership", "strategic thinking"]
    /// Days without evidence after which a skill is flagged on the dashboard and in the report.
    public var evidenceStaleAfter = 60
    /// The YAML list `playbook log` adds evidence items to, from the site's folder.
    public var evidenceFile = "data/evidence.yml"

    public init() {}

    /// The keys `playbook.yml` understands.
    public static let knownKeys = [
        "title", "author", "description", "language", "base_url", "theme", "unsafe_html", "smart_punctuation",
        "escalate_at", "priority_weights", "risk_bands", "export", "dashboard", "links", "highlight",
        "search_shards", "skills", "evidence_stale_after", "evidence_file",
    ]
}
