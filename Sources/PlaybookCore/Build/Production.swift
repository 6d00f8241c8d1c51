extension SiteBuild {
    /// What `produce` made: diagnostics, page count and the cache describing this build.
    struct Production {
        var diagnostics: [Diagnostic]
        var unstrictDiagnostics: [Diagnostic]
        /// The build's highlighter, whose cache is saved with a successful build.
        var highlighter: CodeHighlighter?
        var pageCount: Int
        var cache: BuildCache?
        /// Every block item of the site (nil when the build stopped before the pages were rendered).
        var site: SiteBlocks?
        var theme: Theme?
        var config = SiteConfig()
        /// The build's large values, for a caller that ends the process (`BuildOptions.endsProcess`).
        var leftovers: [Any] = []
    }
}

extension SiteBuild.Production {
    /// The production of a build that stopped before its templates (a theme with errors): no pages.
    func withoutPages() -> SiteBuild.Production {
        var copy = self
        copy.pageCount = 0
        copy.site = nil
        return copy
    }
}
