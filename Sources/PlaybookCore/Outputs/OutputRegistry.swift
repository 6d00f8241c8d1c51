/// The one list of outputs, and the sets the commands run.
public enum OutputRegistry {
    /// What `playbook build` and `serve` write into the site folder, in this order.
    public static let site: [any SiteOutput] = [
        PagesOutput(), StaticFilesOutput(), HostingOutput(), SearchIndexOutput(), NavScriptOutput(), ExportOutput(),
    ]

    /// `playbook serve`: the site, with the one-file export made only when it is asked for (it is the
    /// whole site again: on every save it would cost more than the rest of the rebuild).
    public static let serve: [any SiteOutput] = [
        PagesOutput(), StaticFilesOutput(), HostingOutput(), SearchIndexOutput(), NavScriptOutput(), ExportOutput(deferred: true),
    ]

    /// `playbook export`: the one-file export alone, whatever `export:` says.
    public static let export: [any SiteOutput] = [ExportOutput(always: true)]

    /// `playbook report --format …`.
    public static func report(_ format: ReportFormat) -> [any SiteOutput] { [ReportOutput(format: format)] }

    /// Nothing: the build stops at the site model (ticks, the dashboard tests).
    public static let none: [any SiteOutput] = []
}
