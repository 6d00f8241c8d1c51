import Foundation

/// What a build reads besides the pages: the settings, the theme and the data files.
struct SiteInputs {
    var config: SiteConfig
    /// Nil when the theme has errors (they are in `diagnostics`).
    var theme: Theme?
    /// Files under `data/`, keyed `data/NAME`.
    var dataFiles: [String: Data]
    var diagnostics: [Diagnostic]

    /// Reads `playbook.yml` (with the options' overrides), the theme and `data/`.
    static func load(_ options: BuildOptions) -> SiteInputs {
        let (config, configProblems) = loadConfig(options)
        let (theme, themeProblems) = ThemeLoader(root: options.root, config: config).load()
        let (dataFiles, dataProblems) = loadDataFiles(options)
        return SiteInputs(config: config, theme: theme, dataFiles: dataFiles, diagnostics: configProblems + themeProblems + dataProblems)
    }

    /// Every regular file under `data/` (links are skipped with a warning), keyed `data/NAME`.
    private static func loadDataFiles(_ options: BuildOptions) -> ([String: Data], [Diagnostic]) {
        var files: [String: Data] = [:]
        var warnings: [Diagnostic] = []
        for entry in FileTree.regularFiles(below: options.root.appendingPathComponent("data"), display: "data", warnings: &warnings) {
            files["data/\(entry.path)"] = FileReading.contents(of: entry.url.path)
        }
        return (files, warnings)
    }

    private static func loadConfig(_ options: BuildOptions) -> (SiteConfig, [Diagnostic]) {
        let url = options.root.appendingPathComponent("playbook.yml")
        var (config, diagnostics) = (SiteConfig(), [Diagnostic]())
        if FileTree.kind(of: url) != .missing {
            guard case .file = FileTree.kind(of: url), let data = FileReading.contents(of: url.path) else {
                return (config, [.error("playbook.yml", "playbook.yml is not a readable file")])
            }
            let text = PageParser.decode(data, path: "playbook.yml", diagnostics: &diagnostics)
            let (parsed, problems) = SiteConfigParser().parse(text)
            config = parsed
            diagnostics += problems
        }
        if let base = options.baseURL { config.baseURL = base }
        return (config, diagnostics)
    }
}
