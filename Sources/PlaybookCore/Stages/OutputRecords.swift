import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One file of the output folder as written, so it can be linked into the next build unchanged.
struct OutputRecord {
    var size: Int
    var modified: Int
}

/// Sizes and modification times of the files of an output folder, to notice hand edits before
/// reusing a file.
enum OutputRecords {
    static func read(_ folder: URL) -> [String: OutputRecord] {
        FileTree.signatures(below: folder, prefix: "").mapValues { OutputRecord(size: $0.size, modified: $0.modified) }
    }

    static func matches(_ records: [String: OutputRecord], in folder: URL) -> Bool {
        let current = read(folder)
        guard current.count == records.count else { return false }
        return records.allSatisfy { path, record in
            current[path].map { $0.size == record.size && $0.modified == record.modified } ?? false
        }
    }
}
