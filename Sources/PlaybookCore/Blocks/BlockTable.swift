/// The table markup every block shares: a keyboard-focusable scroll region (narrow screens scroll the
/// table, never the page) around a table with column headers.
enum BlockTable {
    static func open(label: String, columns: [String], body: Bool = true) -> String {
        let headers = columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        return
            "<div class=\"pb-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(escape(label))\">\n<table>\n<thead><tr>\(headers)</tr></thead>\n"
            + (body ? "<tbody>\n" : "")
    }

    /// A cell with its column's name, which a phone shows beside the value when rows become cards.
    static func cell(_ label: String, _ html: String) -> String { "<td data-label=\"\(escape(label))\">\(html)</td>" }

    static func close(body: Bool = true) -> String {
        (body ? "</tbody>\n" : "") + "</table>\n</div>\n"
    }
}
