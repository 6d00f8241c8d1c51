import Foundation

/// The digests an incremental build compares with the last build's to know what it may reuse.
enum BuildHashes {
    /// Everything a page's HTML depends on besides its own source.
    static func environment(
        options: BuildOptions, inputs: SiteInputs, knownFiles: Set<String>, routes: RouteTable, exporting: Bool
    ) -> UInt64 {
        let (config, theme, dataFiles) = (inputs.config, inputs.theme, inputs.dataFiles)
        var digest = Digest()
        digest.add(SiteBuild.toolVersion)
        if let tool = SiteBuild.toolSignature {
            digest.add(tool.size)
            digest.add(tool.modified)
        }
        digest.add(exporting ? "export" : "no export")
        digest.add(String(describing: config))
        digest.add("\(options.includeDrafts) \(options.buildDate) \(options.blockKinds.names)")
        for (path, data) in dataFiles.sorted(by: { $0.key < $1.key }) {
            digest.add(path)
            digest.add(data)
        }
        for (name, path) in (theme?.templatePaths ?? [:]).sorted(by: { $0.key < $1.key }) {
            digest.add(name)
            digest.add(path)
        }
        for file in theme?.staticFiles ?? [] {
            digest.add(file.path)
            switch file.source {
            case .bytes(let data): digest.add(data)
            case .file(_, let signature):
                digest.add(signature.size)
                digest.add(signature.modified)
                digest.add(signature.inode)
            }
        }
        let templateFiles = FileTree.signatures(below: options.root.appendingPathComponent("themes"), prefix: "themes")
            .merging(FileTree.signatures(below: options.root.appendingPathComponent("layouts"), prefix: "layouts"), uniquingKeysWith: { a, _ in a })
        for (path, signature) in templateFiles.sorted(by: { $0.key < $1.key }) {
            digest.add(path)
            digest.add(signature.size)
            digest.add(signature.modified)
        }
        for file in knownFiles.sorted() { digest.add(file) }
        digest.add(Int(bitPattern: UInt(Self.unordered(routes.outputPath))))
        for (folder, output) in routes.sectionPath.sorted(by: { $0.key < $1.key }) {
            digest.add(folder)
            digest.add(output)
        }
        return digest.value
    }

    /// A digest of a table that does not depend on its order: the sum of each pair's own digest, so
    /// that 10,000 routes are not sorted for it (the count is in it too).
    static func unordered(_ table: [String: String]) -> UInt64 {
        var sum = UInt64(table.count)
        for (key, value) in table {
            var pair = Digest()
            pair.add(key)
            pair.add(value)
            sum &+= pair.value
        }
        return sum
    }

    /// What every page's navigation shows of the other pages (paths, titles, order, tags), and for
    /// `listings` that and what section, home and tag pages add (summaries and dates).
    static func structure(_ tree: SiteTree) -> (structure: UInt64, listings: UInt64) {
        // One walk for both: the listings' digest takes what the structure's does, and more.
        var (structure, listings) = (Digest(), Digest())
        func add(_ text: String) {
            structure.add(text)
            listings.add(text)
        }
        func add(_ section: SiteSection) {
            add(section.outputPath)
            add(section.title)
            listings.add(section.summary)
            for page in section.pages {
                add(page.outputPath)
                add(page.title)
                listings.add(page.summary)
                // The date as one number (no text made for it): -1 without one.
                let date = page.source.frontMatter.date
                listings.add(date.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? -1)
                for tag in page.source.frontMatter.tags { add(tag) }
            }
            for child in section.sections { add(child) }
        }
        add(tree.home)
        return (structure.value, listings.value)
    }

    /// What the dashboard shows besides the date and settings: every page's path, title and block items.
    static func dashboard(_ site: SiteBlocks) -> UInt64 {
        var writer = BinaryWriter()
        for page in site.pages {
            writer.string(page.path)
            writer.string(page.title)
            writer.write(page.blocks)
        }
        var digest = Digest()
        writer.bytes.withUnsafeBytes { digest.add($0) }
        return digest.value &+ 1
    }
}
