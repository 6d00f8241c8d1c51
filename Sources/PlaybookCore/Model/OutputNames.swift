/// The names of the files every build writes at the output root, in one place.
public enum OutputNames {
    /// The search index, a script (browsers block fetching JSON from `file://`).
    public static let searchIndex = "search-index.js"
    /// The one-file export.
    public static let export = "playbook.html"
    /// The site-wide dashboard.
    public static let dashboard = "dashboard.html"
    /// The sidebar script of sites too large to inline the sidebar in every page.
    public static let navigationScript = "nav.js"
}
