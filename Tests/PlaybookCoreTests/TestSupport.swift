import Foundation
import XCTest

@testable import PlaybookCore

/// A throwaway site folder under the system temp directory, removed when the test ends.
final class TempSite {
    let root: URL

    init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("playbook-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        try write(path, data: Data(text.utf8))
    }

    func write(_ path: String, data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    var output: URL { root.appendingPathComponent("public") }

    @discardableResult
    func build(drafts: Bool = false, output: URL? = nil, cache: Bool = false) -> BuildResult {
        var options = BuildOptions(root: root, output: output)
        options.includeDrafts = drafts
        options.useCache = cache
        return build(options: options)
    }

    /// Builds into `public/` with `options`.
    func build(options: BuildOptions) -> BuildResult { SiteBuild(options: options).run() }
}

/// Every regular file below `folder` with its bytes, keyed by relative path.
func snapshot(of folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
        return result
    }
    for case let url as URL in enumerator {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
        result[relative] = try? Data(contentsOf: url)
    }
    return result
}

/// The folder of this test file's fixtures.
func fixturesFolder(file: StaticString = #filePath) -> URL {
    URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Fixtures")
}

/// The repository root (three levels above this file).
func repositoryRoot(file: StaticString = #filePath) -> URL {
    URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
