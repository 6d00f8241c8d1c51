import Foundation

/// `sitemap.xml`, an Atom feed of dated pages and `robots.txt`: written only when `base_url` is set,
/// because all three need absolute URLs.
public struct HostingFiles: Sendable {
    public var config: SiteConfig
    public var buildDate: Day

    public init(config: SiteConfig, buildDate: Day) {
        self.config = config
        self.buildDate = buildDate
    }

    public func files(for tree: SiteTree) -> [OutputFile] {
        guard let base = config.baseURL else { return [] }
        func absolute(_ path: String) -> String { PageModelBuilder.absolute(base, path) }
        return [
            OutputFile(path: "sitemap.xml", text: sitemap(tree, absolute)),
            OutputFile(path: "feed.xml", text: feed(tree, absolute)),
            OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\nSitemap: \(absolute("sitemap.xml"))\n"),
        ]
    }

    func sitemap(_ tree: SiteTree, _ absolute: (String) -> String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var dates: [String: Day] = [:]
        for page in tree.pagesInOrder { dates[page.outputPath] = page.source.frontMatter.date }
        let paths = tree.readingOrder + (tree.tags.isEmpty ? [] : ["tags/index.html"] + tree.tags.map(\.outputPath))
        for path in paths {
            xml += "<url><loc>\(xmlEscape(absolute(path)))</loc>"
            if let day = dates[path] { xml += "<lastmod>\(day)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// Dated pages, newest first (ties by title), as an Atom 1.0 feed.
    func feed(_ tree: SiteTree, _ absolute: (String) -> String) -> String {
        let dated = tree.pagesInOrder.compactMap { page in page.source.frontMatter.date.map { (page, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.title < $1.0.title }
        let updated = dated.first?.1 ?? buildDate
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "<title>\(xmlEscape(config.title))</title>\n"
        if let description = config.description { xml += "<subtitle>\(xmlEscape(description))</subtitle>\n" }
        xml += "<id>\(xmlEscape(absolute("")))</id>\n"
        xml += "<link rel=\"alternate\" href=\"\(xmlEscape(absolute("")))\"/>\n"
        xml += "<link rel=\"self\" href=\"\(xmlEscape(absolute("feed.xml")))\"/>\n"
        xml += "<updated>\(updated)T00:00:00Z</updated>\n"
        xml += "<author><name>\(xmlEscape(config.author ?? config.title))</name></author>\n"
        for (page, day) in dated {
            let url = absolute(page.outputPath)
            xml += "<entry>\n<title>\(xmlEscape(page.title))</title>\n<id>\(xmlEscape(url))</id>\n"
            xml += "<link rel=\"alternate\" href=\"\(xmlEscape(url))\"/>\n<updated>\(day)T00:00:00Z</updated>\n"
            if !page.summary.isEmpty { xml += "<summary>\(xmlEscape(page.summary))</summary>\n" }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// Escapes text for XML; control characters XML 1.0 forbids are dropped.
    func xmlEscape(_ text: String) -> String {
        let allowed = text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(String.UnicodeScalarView(allowed)).htmlAttributeEscapedForXML
    }
}

extension String {
    var htmlAttributeEscapedForXML: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
    }
}
