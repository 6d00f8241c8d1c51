import Foundation
import PlaybookMarkdown

/// Syntax highlighting of fenced code at build time, as CSS classes (Pygments' short names: `k`, `s`,
/// `c1` …, styled by the theme for light, dark and print), so it works from disk, in the one-file
/// export and without JavaScript.
///
/// A pool of Pygments processes serves the whole build (`HighlightWorker`), one per core, each for any
/// language, started only when a code block is not in the cache (`HighlightCache`, per language and
/// code, kept in the build cache): a site with code in 25 languages starts two processes, not 25. A language Pygments does not
/// know stays plain; without Pygments the code is plain and the build says so once.
public final class CodeHighlighter: @unchecked Sendable {
    public enum Outcome: Equatable {
        /// The `<pre>` block to put in the code block's place.
        case html(String)
        /// Keep cmark's plain `<pre><code>`.
        case plain
        /// Plain too, and the reason highlighting is off (given once a build).
        case unavailable(String)

        /// The HTML that goes in `block`'s place.
        func html(for block: CodeBlock) -> String {
            if case .html(let html) = self { return html }
            return CodeHighlighter.plain(block)
        }
    }

    /// One process of the pool, used by one request at a time.
    private final class Slot {
        var worker: HighlightWorker?
    }

    /// The pool's size: one process per core (each request keeps its process busy).
    static let poolSize = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    /// Held while `start()` starts a process (tens of milliseconds of Python importing Pygments), so
    /// that `lock` is not: every render thread asks the cache under `lock` for each code block, and
    /// would otherwise wait for Python's start before going on to the rest of its page.
    private let starting = NSLock()
    /// Guards everything below but the pool.
    private let lock = NSLock()
    /// The pool: one slot per process it may run, and which are in use; a request waits while the
    /// slot it asks for (or, asking for none, every slot) is in use.
    private let pool = NSCondition()
    private let slots = (0..<CodeHighlighter.poolSize).map { _ in Slot() }
    private var busy = [Bool](repeating: false, count: CodeHighlighter.poolSize)
    /// Whether any slot was ever used (then it has or had a process).
    private var used = false
    /// A process started by `start()`, handed to the first language that needs one.
    private var spare: HighlightWorker?
    private var failure: String?
    /// Why `start()` could not start a process: the language that would have had it gives the same error.
    private var startError: Error?
    private var reported = false
    private var cache: HighlightCache
    /// The interpreters to try for Pygments, in order (`BuildOptions.pythons`).
    private let pythons: [String]

    public init(cache: HighlightCache = HighlightCache(), pythons: [String] = CodeHighlighter.standardPythons()) {
        self.cache = cache
        self.pythons = pythons
    }

    /// A highlighter that runs Pygments with `python` only.
    public convenience init(cache: HighlightCache = HighlightCache(), python: String) {
        self.init(cache: cache, pythons: [python])
    }

    /// The interpreters tried for Pygments, in order: `PLAYBOOK_PYTHON` alone when it is set; else, on
    /// Linux, the system's `/usr/bin/python3` first, which is where `apt-get install python3-pygments`
    /// puts Pygments (a `python3` found first on `PATH`, from pyenv, conda or a virtual environment, often
    /// lacks it, and may be a launcher that costs more than Python's start), then `python3` on `PATH`.
    public static func standardPythons(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isExecutable: (String) -> Bool = FileManager.default.isExecutableFile(atPath:)
    ) -> [String] {
        if let named = environment["PLAYBOOK_PYTHON"], !named.isEmpty { return [named] }
        #if os(Linux)
            return isExecutable(systemPython) ? [systemPython, "python3"] : ["python3"]
        #else
            // macOS's /usr/bin/python3 may be a stub that offers to install the developer tools.
            return ["python3"]
        #endif
    }

    static let systemPython = "/usr/bin/python3"

    /// Languages that are plain text by intent: never sent to Pygments.
    static let plainLanguages: Set<String> = ["text", "txt", "plain", "plaintext", "none", "nohighlight", "output"]

    /// True when the engine could not be used during this build (recorded so a later build retries).
    public var engineUnavailable: Bool { lock.withLock { failure != nil } }

    /// Starts the engine now (normally it starts with the first code block); false when it cannot run.
    public func start() -> Bool {
        starting.withLock {
            // (The pool's lock is never taken inside `lock`.)
            let poolEmpty = pool.withLock { !used }
            let needed: Bool? = lock.withLock { failure != nil ? nil : spare == nil && poolEmpty }
            guard let needed else { return false }
            guard needed else { return true }
            do {
                let started = try HighlightWorker.start(pythons: pythons)
                lock.withLock {
                    cache.engine(version: "pygments " + started.version)
                    spare = started
                }
                return true
            } catch {
                lock.withLock {
                    failure = Self.reason(error)
                    startError = error
                }
                return false
            }
        }
    }

    /// The process `start()` started (waiting for one being started), for a language that has none.
    private func adoptSpare() throws -> HighlightWorker? {
        starting.withLock {}
        return try lock.withLock {
            if let error = startError { throw error }
            defer { spare = nil }
            return spare
        }
    }

    private static func reason(_ error: Error) -> String {
        let text: String
        switch error {
        case HighlightWorker.Failure.unavailable(let reason), HighlightWorker.Failure.stopped(let reason): text = reason
        default: text = "\(error)"
        }
        return "code is not highlighted: \(text); install it with `apt-get install python3-pygments`, or set `highlight: false` in playbook.yml"
    }

    /// The outcome for `block` when it needs no Pygments: a plain language, or in the cache. Nil otherwise.
    func known(_ block: CodeBlock) -> Outcome? {
        let language = block.language.lowercased()
        guard !language.isEmpty, !Self.plainLanguages.contains(language) else { return .plain }
        return lock.withLock {
            cache.entry(language: language, code: block.literal).map { $0.isEmpty ? .plain : .html(Self.wrap($0, language: block.language)) }
        }
    }

    /// The highlighted block for `block`, from the cache or from Pygments: on the process in slot
    /// `slot` (`0..<poolSize`) when given, which then waits for it, else on any free one.
    public func highlight(_ block: CodeBlock, slot number: Int? = nil) -> Outcome {
        let language = block.language.lowercased()
        guard !language.isEmpty, !Self.plainLanguages.contains(language) else { return .plain }
        let done: Outcome? = lock.withLock {
            if let known = cache.entry(language: language, code: block.literal) {
                return known.isEmpty ? .plain : .html(Self.wrap(known, language: block.language))
            }
            if let failure {
                guard !reported else { return .plain }
                reported = true
                return .unavailable(failure)
            }
            return nil
        }
        if let done { return done }
        let (slot, index) = acquire(number)
        defer { release(index) }
        let answer: Result<String, Error> = {
            do {
                if slot.worker == nil { slot.worker = try adoptSpare() }
                if slot.worker == nil {
                    let started = try HighlightWorker.start(pythons: pythons)
                    lock.withLock { cache.engine(version: "pygments " + started.version) }
                    slot.worker = started
                }
                let tokens = try slot.worker?.tokens(language: language, code: block.literal)
                return .success(tokens.map(Self.spans) ?? "")
            } catch {
                slot.worker = nil
                return .failure(error)
            }
        }()
        return lock.withLock {
            switch answer {
            case .success(let inner):
                cache.store(inner, language: language, code: block.literal)
                return inner.isEmpty ? .plain : .html(Self.wrap(inner, language: block.language))
            case .failure(let error):
                if failure == nil { failure = Self.reason(error) }
                guard !reported else { return .plain }
                reported = true
                return .unavailable(failure ?? "")
            }
        }
    }

    /// A slot of the pool to use alone: slot `number` once it is free, or without a number a free
    /// one, preferring one whose process has started (a slot without one starts it, or takes the
    /// process `start()` started).
    private func acquire(_ number: Int?) -> (Slot, Int) {
        pool.lock()
        defer { pool.unlock() }
        used = true
        while true {
            if let number {
                let index = min(max(number, 0), slots.count - 1)
                if !busy[index] {
                    busy[index] = true
                    return (slots[index], index)
                }
            } else if let index = busy.indices.first(where: { !busy[$0] && slots[$0].worker != nil }) ?? busy.firstIndex(of: false) {
                busy[index] = true
                return (slots[index], index)
            }
            pool.wait()
        }
    }

    private func release(_ index: Int) {
        pool.withLock {
            busy[index] = false
            pool.broadcast()
        }
    }

    /// Tells the cache whether this build renders every page (so unused entries are stale).
    func rendersEveryPage(_ every: Bool) { lock.withLock { cache.dropsUnused = every } }

    /// The cache as it is now, to be saved with a successful build.
    public var currentCache: HighlightCache { lock.withLock { cache } }

    /// Token spans with their classes; text is escaped here (Pygments gives plain text).
    static func spans(_ tokens: [(css: String, text: String)]) -> String {
        var html = ""
        for (css, text) in tokens {
            // Whitespace and plain text need no span.
            if css.isEmpty || css == "w" {
                html += text.htmlAttributeEscaped
            } else {
                html += "<span class=\"\(css.htmlAttributeEscaped)\">\(text.htmlAttributeEscaped)</span>"
            }
        }
        return html
    }

    static func wrap(_ inner: String, language: String) -> String {
        "<pre class=\"highlight\" tabindex=\"0\"><code class=\"language-\(language.htmlAttributeEscaped)\">\(inner)</code></pre>"
    }

    /// A code block as cmark writes it, with a focusable `<pre>`.
    public static func plain(_ block: CodeBlock) -> String {
        let language = block.language.isEmpty ? "" : " class=\"language-\(block.language.htmlAttributeEscaped)\""
        return "<pre tabindex=\"0\"><code\(language)>\(block.literal.htmlAttributeEscaped)</code></pre>"
    }
}
