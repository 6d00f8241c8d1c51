import Foundation

extension SiteBuild {
    /// The folders of a site that hold its sources; nothing Playbook writes may go into them.
    public static let sourceFolders = ["content", "themes", "layouts", "static", "data"]

    /// The output folder must not be the site itself, hold it, or sit inside its sources.
    func outputProblem() -> Diagnostic? {
        let root = options.root.path
        let output = options.output.path
        if output == root || root.hasPrefix(output + "/") || output == "/" {
            return .error(output, "the output folder would contain the site's own sources; choose another --output")
        }
        for folder in Self.sourceFolders {
            let source = options.root.appendingPathComponent(folder).path
            if output == source || output.hasPrefix(source + "/") {
                return .error(output, "the output folder is inside \(folder)/; choose another --output")
            }
        }
        return SiteWriter(output: options.output).checkReplaceable()
    }
}
