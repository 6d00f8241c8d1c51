import Foundation

/// `nav.js`: the whole sidebar tree, written once and loaded by every page of a large site.
public struct NavScriptBuilder: Sendable {
    public static let fileName = OutputNames.navigationScript

    public init() {}

    /// `[title, url, [[page title, url]…], [child sections…]]` per section; URLs from the output root.
    public func script(for tree: SiteTree) -> String {
        func entry(_ section: SiteSection) -> [Any] {
            [section.title, section.outputPath, section.pages.map { [$0.title, $0.outputPath] }, section.sections.map(entry)]
        }
        return "window.PLAYBOOK_NAV=" + JSONText.encode(entry(tree.home)) + ";\n"
    }
}
