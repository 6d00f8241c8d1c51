import Foundation

/// Template values that depend only on the folder a page is written to (links to the root, the home
/// page, the search index), made once per folder and shared by the threads that render pages.
final class FolderLinks: @unchecked Sendable {
    private let lock = NSLock()
    private var byFolder: [Substring: [String: Any]] = [:]

    /// The values for the folder of output path `path`, made by `make` (given the folder) the first time.
    func values(for path: String, make: (String) -> [String: Any]) -> [String: Any] {
        let folder = path[..<(path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.startIndex)]
        if let known = lock.withLock({ byFolder[folder] }) { return known }
        let made = make(String(folder))
        lock.withLock { byFolder[folder] = made }
        return made
    }
}
