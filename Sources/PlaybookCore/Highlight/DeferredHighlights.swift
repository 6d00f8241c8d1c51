import Foundation
import PlaybookMarkdown

#if canImport(Glibc)
    import Glibc
#endif

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
    /// Starts every marker: a control character cmark never writes for a page's own text (decoding
    /// keeps it, but no page can guess the random part), then this build's random number.
    let marker = "\u{1}pb-highlight-\(UInt64.random(in: .min ... .max))-"
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
        return marker + String(number) + "\u{1}"
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
        var html = html
        let prefix = Array(marker.utf8)
        // Where each marker is (byte offsets, its closing U+0001 included) and the block it stands for.
        let markers = html.withUTF8 { bytes -> [(start: Int, end: Int, block: Int)] in
            guard let base = bytes.baseAddress else { return [] }
            var markers: [(start: Int, end: Int, block: Int)] = []
            var at = 0
            // Markers start with U+0001: memchr finds the few there are.
            while at < bytes.count, let found = memchr(base + at, 1, bytes.count - at) {
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                at = start + 1
                guard bytes.count - start >= prefix.count, UnsafeBufferPointer(rebasing: bytes[start..<(start + prefix.count)]).elementsEqual(prefix)
                else { continue }
                var end = start + prefix.count
                var number = 0
                while end < bytes.count, (48...57).contains(bytes[end]), number < Int.max / 10 - 9 {
                    number = number * 10 + Int(bytes[end] - 48)
                    end += 1
                }
                guard end < bytes.count, bytes[end] == 1, end > start + prefix.count, blocks.indices.contains(number) else { continue }
                markers.append((start, end + 1, number))
                at = end + 1
            }
            return markers
        }
        guard !markers.isEmpty else { return html }
        // Pieces of the page appended as text: unlike bytes made into a string, they are not checked
        // for valid UTF-8 again (a marker's ends are single-byte characters, so every piece is whole).
        let utf8 = html.utf8
        func offset(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var result = ""
        result.reserveCapacity(utf8.count + markers.reduce(0) { $0 + blocks[$1.block].utf8.count })
        var copied = 0
        for marker in markers {
            result += html[offset(copied)..<offset(marker.start)]
            result += blocks[marker.block]
            copied = marker.end
        }
        result += html[offset(copied)...]
        return result
    }
}
