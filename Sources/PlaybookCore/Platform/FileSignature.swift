import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What `lstat` says about a file: enough to tell that it has not changed since the last build.
public struct FileSignature: Hashable, Sendable {
    public var size: Int
    /// Modification time in nanoseconds since 1970.
    public var modified: Int
    public var inode: Int

    public init(size: Int, modified: Int, inode: Int) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }
}
