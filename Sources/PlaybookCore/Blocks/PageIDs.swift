import Foundation
import PlaybookMarkdown

/// Hands out ids that are unique on one page (checklist items, form fields, calendars).
final class PageIDs {
    // Long sentences make unwieldy storage keys; the first words are id enough.
    private var ids = HeadingIDs(maxLength: 40)
    private var counters: [String: Int] = [:]
    /// Put before element ids (`p3-` in a one-file export); storage keys do not use it.
    let prefix: String

    init(prefix: String = "") { self.prefix = prefix }

    /// `base` slugged, made unique on the page with `-1`, `-2`…
    func unique(_ base: String) -> String { ids.id(for: base) }

    /// 1, 2, 3… per `kind`, in document order.
    func next(_ kind: String) -> Int {
        counters[kind, default: 0] += 1
        return counters[kind]!
    }
}
