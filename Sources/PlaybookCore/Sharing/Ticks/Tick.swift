import Foundation

/// A box ticked or unticked in a browser: the page it is on (output path, as in the page's
/// `data-pb-page`), the item's id (`data-pb-item`) and the new state.
public struct Tick: Hashable, Sendable {
    public var page: String
    public var item: String
    public var done: Bool

    public init(page: String, item: String, done: Bool) {
        self.page = page
        self.item = item
        self.done = done
    }
}

/// Where a tick is written: the checklist item as the last build read it.
public struct TickTarget: Hashable, Sendable {
    public var page: String
    public var item: String
    /// The file the item is written in (`content/…md` or `data/…yml`), relative to the site.
    public var file: String
    /// The item's line in `file`: a task-list line, or the YAML item's first line.
    public var line: Int
    public var done: Bool
    /// Line `line` as it was when the site was read (without its line end). A write is refused when
    /// the line no longer reads like this: the file was edited since. Nil when the file had already
    /// changed when the index was made (the build read an older version): every write is refused.
    public var lineText: String?
    /// The item's text as the build read it (plain text, markup removed). A write is refused when line
    /// `line` does not hold this item, whatever the file's state: the line was recorded wrongly.
    public var itemText: String?

    public init(page: String, item: String, file: String, line: Int, done: Bool, lineText: String?, itemText: String? = nil) {
        self.page = page
        self.item = item
        self.file = file
        self.line = line
        self.done = done
        self.lineText = lineText
        self.itemText = itemText
    }
}

/// What writing one tick did.
public enum TickOutcome: Equatable, Sendable {
    /// The file was changed. `insertedAfter` is set when a line was added after that line (a YAML item
    /// that got `done:`), which moves the lines below it.
    case written(file: String, line: Int, insertedAfter: Int?)
    /// The file already says so.
    case unchanged(file: String, line: Int)
}

/// Why a tick was not written; nothing was changed.
public enum TickRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// No checklist item with that page and id (the page changed since it was loaded).
    case unknownItem(page: String, item: String)
    /// The recorded line no longer holds the item: the file was edited meanwhile.
    case changed(file: String, line: Int)
    /// The recorded line holds another item than the one ticked; nothing was written.
    case notTheItem(file: String, line: Int, text: String)
    /// The item is in a file or a form Playbook does not edit.
    case unsupported(file: String, line: Int, reason: String)
    /// The file is not one of the site's Markdown or data files, or cannot be written.
    case notWritable(file: String, reason: String)

    public var description: String {
        switch self {
        case .unknownItem(let page, let item): return "\(page): no checklist item '\(item)' (the page changed since it was loaded)"
        case .changed(let file, let line):
            return "\(file):\(line): the file changed since the page was built; nothing was written (reload and tick again)"
        case .notTheItem(let file, let line, let text):
            return "\(file):\(line): this line does not hold the item '\(text)'; nothing was written (tick it by hand, and please report this)"
        case .unsupported(let file, let line, let reason): return "\(file):\(line): \(reason)"
        case .notWritable(let file, let reason): return "\(file): \(reason)"
        }
    }
}
