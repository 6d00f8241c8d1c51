import Foundation
import PlaybookMarkdown

/// The small pieces around a page's text that the default theme writes from Swift instead of looping
/// in a template: the pager (`pager_html`), the breadcrumbs (`breadcrumbs_html`) and the date and tags
/// (`page.meta_html`). Templates still get the values these are made of (`prev`, `next`,
/// `breadcrumbs`, `page.date`, `page.tags` …), so a theme can write its own; the README shows the loops
/// that give this same HTML.
///
/// Why: every name a template looks up costs swift-mustache about 12,500 instructions whatever it finds
/// (it splits the name and casts each object of its context stack to four protocols), and these three
/// loops took about 300,000 instructions a page, an eighth of a build. Written here, a few thousand.
/// The HTML is byte for byte what the default theme's loops made (golden tests, and a test that renders
/// the loops from the README against these).
struct PageChrome {
    /// A link as templates see it: `{{title}}` and `{{url}}`.
    struct Link: Equatable {
        var title: String
        var url: String
    }

    /// `<nav class="pb-pager">` with the previous and next pages in reading order, when there are any.
    static func pager(previous: Link?, next: Link?) -> String {
        var html = "<nav class=\"pb-pager\" aria-label=\"Previous and next page\">\n"
        if let previous {
            html += "<a class=\"pb-prev\" rel=\"prev\" href=\"\(previous.url.htmlAttributeEscaped)\"><span>Previous</span> "
            html += previous.title.htmlAttributeEscaped + "</a>\n"
        }
        if let next {
            html += "<a class=\"pb-next\" rel=\"next\" href=\"\(next.url.htmlAttributeEscaped)\"><span>Next</span> "
            html += next.title.htmlAttributeEscaped + "</a>\n"
        }
        return html + "</nav>\n"
    }

    /// The trail of sections above the page, then the page itself; nothing when `shown` is false (the
    /// home page and the 404 page).
    static func breadcrumbs(_ trail: [Link], title: String, shown: Bool) -> String {
        guard shown else { return "" }
        var html = "<nav class=\"pb-breadcrumbs\" aria-label=\"Breadcrumb\">\n<ol>\n"
        for link in trail {
            html += "<li><a href=\"\(link.url.htmlAttributeEscaped)\">\(link.title.htmlAttributeEscaped)</a></li>\n"
        }
        return html + "<li aria-current=\"page\">\(title.htmlAttributeEscaped)</li>\n</ol>\n</nav>\n"
    }

    /// The page's date and its tags (`name` and `url` each), those it has.
    static func meta(date: String?, tags: [(name: String, url: String)]) -> String {
        var html = ""
        if let date {
            let text = date.htmlAttributeEscaped
            html += "<p class=\"pb-meta\"><time datetime=\"\(text)\">\(text)</time></p>\n"
        }
        guard !tags.isEmpty else { return html }
        html += "<ul class=\"pb-tags\">\n"
        for tag in tags {
            html += "<li><a href=\"\(tag.url.htmlAttributeEscaped)\" rel=\"tag\">\(tag.name.htmlAttributeEscaped)</a></li>\n"
        }
        return html + "</ul>\n"
    }
}
