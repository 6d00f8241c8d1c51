import Foundation
import PlaybookMarkdown

/// Highlighting that does not hold up rendering. A page's code block that is not in the cache gets a
/// marker in its HTML at once and goes to Pygments on one of as many queues as the highlighter has
/// processes (`CodeHighlighter.poolSize`), queue *n* on process *n*. A language stays on the queues
/// that had it before, so that each process loads the lexers of only some languages (loading one
/// costs up to 130 ms: Scala's), unless those queues have much more work waiting than the least busy
/// one, which then takes the block (a site in one language keeps every process busy). The page goes on
/// rendering, and `finish()` (after every page of the stage is rendered) waits for the answers, after
/// which `resolve(_:)` puts each block's HTML in its marker's place. So the render threads never wait
/// for Python: not for its start (a good part of a small site's build), nor for each block's answer.
final class DeferredHighlights: @unchecked Sendable {
    /// A block's HTML could not be highlighted for this reason: the warning goes to that block's page.
    struct Warning {
        var path: String
        var line: Int
        var reason: String
    }

    private let highlighter: CodeHighlighter
    /// A block's place in its page's HTML until it is highlighted: U+0001 starts it, a control
    /// character cmark never writes for a page's own text (decoding keeps it, but no page can guess
    /// the marker's random part).
    let markers = TextMarkers("highlight")
    private let lock = NSLock()
    private let group = DispatchGroup()
    private let queues = (0..<CodeHighlighter.poolSize).map { DispatchQueue(label: "playbook.highlight.\($0)") }
    private var requests: [(block: CodeBlock, path: String, line: Int)] = []
    /// Bytes of code waiting on each queue, and the queues each language went to.
    private var waiting = [Int](repeating: 0, count: CodeHighlighter.poolSize)
    private var queuesOf: [String: [Int]] = [:]
    /// A block costs its bytes and this much besides (a request to the process and back).
    static let requestCost = 256
    /// A language goes to another queue when its own have this many more bytes waiting than the least
    /// busy (tens of milliseconds of Pygments, about what loading a lexer costs).
    static let spillBytes = 16_384
    private var outcomes: [Int: CodeHighlighter.Outcome] = [:]
    private var htmls: [String] = []
    private(set) var pagesWithMarkers: Set<String> = []

    init(_ highlighter: CodeHighlighter) { self.highlighter = highlighter }

    /// The block's HTML when it is known now (a plain language, or cached), else a marker for it.
    /// `path` and `line` place a warning, should highlighting turn out to be unavailable.
    func html(for block: CodeBlock, path: String, line: Int) -> String {
        if let known = highlighter.known(block) { return known.html(for: block) }
        let cost = block.literal.utf8.count + Self.requestCost
        let (number, queue): (Int, Int) = lock.withLock {
            requests.append((block, path, line))
            pagesWithMarkers.insert(path)
            let queue = Self.queue(for: block.language.lowercased(), waiting: waiting, queuesOf: &queuesOf)
            waiting[queue] += cost
            return (requests.count - 1, queue)
        }
        group.enter()
        queues[queue].async { [self] in
            let outcome = highlighter.highlight(block, slot: queue)
            lock.withLock {
                outcomes[number] = outcome
                waiting[queue] -= cost
            }
            group.leave()
        }
        return markers.marker(number)
    }

    /// The queue for a block in `language`: the least busy of the language's queues, unless it has
    /// `spillBytes` more waiting than the least busy queue of all, which then takes the language too.
    static func queue(for language: String, waiting: [Int], queuesOf: inout [String: [Int]]) -> Int {
        let lightest = waiting.indices.min { waiting[$0] < waiting[$1] } ?? 0
        if let own = queuesOf[language]?.min(by: { waiting[$0] < waiting[$1] }), waiting[own] <= waiting[lightest] + spillBytes { return own }
        queuesOf[language, default: []].append(lightest)
        return lightest
    }

    /// Waits for every queued block; returns the warnings to add to their pages.
    func finish() -> [Warning] {
        group.wait()
        return lock.withLock {
            var reason: String?
            htmls = requests.indices.map { number in
                let outcome = outcomes[number] ?? .plain
                if case .unavailable(let why) = outcome { reason = why }
                return outcome.html(for: requests[number].block)
            }
            // Highlighting is off for the whole build then (the highlighter says so once), whichever
            // process met it first: the warning goes to the first block in path and line order.
            guard let reason, let first = requests.min(by: { ($0.path, $0.line) < ($1.path, $1.line) }) else { return [] }
            return [Warning(path: first.path, line: first.line, reason: reason)]
        }
    }

    /// `html` with every marker replaced by its block's HTML (after `finish()`).
    func resolve(_ html: String) -> String {
        let blocks = lock.withLock { htmls }
        let (pieces, numbers) = markers.split(html, count: blocks.count)
        guard !numbers.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + numbers.reduce(0) { $0 + blocks[$1].utf8.count })
        for (piece, number) in zip(pieces, numbers) {
            result += piece
            result += blocks[number]
        }
        result += pieces[pieces.count - 1]
        return result
    }
}
