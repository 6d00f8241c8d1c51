import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Everything read from `content/`: Markdown pages, assets to copy, and what was skipped.
public struct LoadedContent: Sendable {
    public var pages: [SourceFile] = []
    /// Pages the loader did not read because the cache already holds them unchanged (see `reuse`).
    public var unchangedPages: [(path: String, signature: FileSignature)] = []
    /// What the cache recorded of each of `unchangedPages`, in the same order.
    var unchangedRecords: [BuildCache.PageRecord] = []
    /// The signature of every page file read, by path, for the cache.
    public var signatures: [String: FileSignature] = [:]
    /// Images and PDFs beside the pages, copied to the same place in the output.
    public var assets: [SourceFile] = []
    public var diagnostics: [Diagnostic] = []
}
