import Foundation
import PlaybookMarkdown

/// The small pieces around a page's text that the default theme writes from Swift instead of looping
/// in a template: the pager (`pager_html`), the breadcrumbs (`breadcrumbs_html`), the date and tags
/// (`page.meta_html`) and the lists of pages on home, section and tag pages (`cards_html`).
/// Templates still get the values these are made of (`prev`, `next`, `breadcrumbs`, `page.date`,
/// `page.tags`, `pages` …), so a theme can write its own; docs/content/themes.md shows the loops that give this
/// same HTML.
///
/// Why: every name a template looks up costs swift-mustache about 12,500 instructions whatever it finds
/// (it splits the name and casts each object of its context stack to four protocols), and these three
/// loops cost about 230,000 instructions a page; written here, with `HTMLBuilder`, a few thousand (a
/// 1,000-page build takes 2.24 M instructions a page instead of 2.47 M).
/// The HTML is byte for byte what the default theme's loops made (golden tests, and a test that renders
/// the loops from docs/content/themes.md against these).
struct PageChrome {
    /// A link as templates see it: `{{title}}` and `{{url}}`.
    struct Link: Equatable {
        var title: String
        var url: String
    }

    /// A page in a list of pages: `{{title}}`, `{{url}}` and `{{summary}}` (empty: none).
    struct Card {
        var link: Link
        var summary: String
    }

    /// `<nav class="pb-pager">` with the previous and next pages in reading order, when there are any.
    static func pager(previous: Link?, next: Link?) -> String {
        var html = HTMLBuilder()
        html.append("<nav class=\"pb-pager\" aria-label=\"Previous and next page\">\n")
        if let previous {
            html.append("<a class=\"pb-prev\" rel=\"prev\" href=\"", previous.url, "\"><span>Previous</span> ", previous.title, "</a>\n")
        }
        if let next {
            html.append("<a class=\"pb-next\" rel=\"next\" href=\"", next.url, "\"><span>Next</span> ", next.title, "</a>\n")
        }
        html.append("</nav>\n")
        return html.html
    }

    /// The trail of sections above the page, then the page itself; nothing when `shown` is false (the
    /// home page and the 404 page).
    static func breadcrumbs(_ trail: [Link], title: String, shown: Bool) -> String {
        guard shown else { return "" }
        var html = HTMLBuilder()
        html.append("<nav class=\"pb-breadcrumbs\" aria-label=\"Breadcrumb\">\n<ol>\n")
        for link in trail {
            html.append("<li><a href=\"", link.url, "\">", link.title, "</a></li>\n")
        }
        html.append("<li aria-current=\"page\">")
        html.appendEscaped(title)
        html.append("</li>\n</ol>\n</nav>\n")
        return html.html
    }

    /// The page's date and its tags (`name` and `url` each), those it has.
    static func meta(date: String?, tags: [(name: String, url: String)]) -> String {
        var html = HTMLBuilder()
        if let date {
            html.append("<p class=\"pb-meta\"><time datetime=\"", date, "\">", date, "</time></p>\n")
        }
        if !tags.isEmpty {
            html.append("<ul class=\"pb-tags\">\n")
            for tag in tags {
                html.append("<li><a href=\"", tag.url, "\" rel=\"tag\">", tag.name, "</a></li>\n")
            }
            html.append("</ul>\n")
        }
        return html.html
    }

    /// `<ul class="pb-cards">` with a link to each page and its summary, if it has one. Home, section
    /// and tag pages show these: on a section of a hundred pages it is four hundred lookups saved.
    static func cards(_ cards: [Card]) -> String {
        var html = HTMLBuilder()
        html.append("<ul class=\"pb-cards\">\n")
        for card in cards {
            html.append("<li><a href=\"", card.link.url, "\">", card.link.title, "</a>")
            if !card.summary.isEmpty {
                html.append("<p>")
                html.appendEscaped(card.summary)
                html.append("</p>")
            }
            html.append("</li>\n")
        }
        html.append("</ul>\n")
        return html.html
    }
}
