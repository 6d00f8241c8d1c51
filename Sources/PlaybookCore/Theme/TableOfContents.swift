import PlaybookMarkdown

/// A page's table of contents: its h2 headings, each with the h3 headings under it.
///
/// Templates get it two ways: `page.toc`, entries to loop over, and `page.toc_html`, the list already
/// written (like Hugo's `.TableOfContents`). The default theme shows `toc_html`: looping over the
/// entries in the template cost about 168,000 instructions a page in swift-mustache's name lookups,
/// 6% of a build.
struct TableOfContents {
    struct Entry {
        var heading: Heading
        var children: [Heading]
    }

    let entries: [Entry]

    init(_ headings: [Heading]) {
        var entries: [Entry] = []
        for heading in headings where heading.level == 2 || heading.level == 3 {
            if heading.level == 3, !entries.isEmpty {
                entries[entries.count - 1].children.append(heading)
            } else {
                entries.append(Entry(heading: heading, children: []))
            }
        }
        self.entries = entries
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The list as the default theme's `toc` template used to render it from `page.toc`, byte for byte:
    /// one `<li>` a line, an h2's h3 headings in a nested list, no newline after the last `</ul>`. Ids and
    /// text are escaped as `{{name}}` escapes them.
    var html: String {
        guard !entries.isEmpty else { return "" }
        var out = HTMLBuilder(capacity: 1024)
        out.append("<ul>\n")
        func link(_ heading: Heading) {
            out.append("<li><a href=\"#", heading.id, "\">", heading.text, "</a>")
        }
        for entry in entries {
            link(entry.heading)
            out.append("\n")
            if !entry.children.isEmpty {
                out.append("<ul>\n")
                for child in entry.children {
                    link(child)
                    out.append("</li>\n")
                }
                out.append("</ul>\n")
            }
            out.append("</li>\n")
        }
        out.append("</ul>")
        return out.html
    }
}
