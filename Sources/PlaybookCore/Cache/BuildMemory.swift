import Foundation

/// The last build's cache kept in memory by a long-running process (`playbook serve`), so that the
/// next build does not read and decode it from disk again: on a large site that is most of an edit's
/// time. It is used only while the cache on disk is still the one this process wrote (same manifest
/// file signature); if anything else wrote the cache since, the build reads the disk as usual.
public final class BuildMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: BuildCache?
    private var manifest: FileTree.Kind?

    public init() {}

    /// The kept cache, with its pages, when the manifest on disk is the one it was saved as.
    func cache(store: BuildCacheStore) -> BuildCache? {
        lock.withLock {
            guard let kept, let manifest, FileTree.kind(of: store.manifestURL) == manifest else { return nil }
            return kept
        }
    }

    /// Keeps `cache` (saved by `store` just now) for the next build; nil forgets.
    func keep(_ cache: BuildCache?, store: BuildCacheStore) {
        let kind = FileTree.kind(of: store.manifestURL)
        lock.withLock {
            guard let cache, case .file = kind else {
                (kept, manifest) = (nil, nil)
                return
            }
            var copy = cache
            copy.pendingPages = nil
            copy.pendingSearch = nil
            (kept, manifest) = (copy, kind)
        }
    }
}
