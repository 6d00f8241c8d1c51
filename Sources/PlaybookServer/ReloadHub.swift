import Foundation

/// Fans server-sent events out to every open page: `reload` after a good build, `errors` (a JSON list
/// of `file:line: message` strings) after a failed one. A page that connects while the last build
/// failed gets the errors at once.
public actor ReloadHub {
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]
    private var currentErrors: [String]?
    /// Events sent so far (for tests and the terminal).
    public private(set) var sent = 0

    public init() {}

    /// A stream of SSE messages for one page.
    public func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream()
        listeners[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        continuation.yield(": connected\n\n")
        if let currentErrors { continuation.yield(Self.errorEvent(currentErrors)) }
        return stream
    }

    private func remove(_ id: UUID) { listeners[id] = nil }

    public func buildSucceeded() {
        currentErrors = nil
        send("event: reload\ndata: {}\n\n")
    }

    public func buildFailed(_ errors: [String]) {
        currentErrors = errors
        send(Self.errorEvent(errors))
    }

    private func send(_ message: String) {
        sent += 1
        for continuation in listeners.values { continuation.yield(message) }
    }

    static func errorEvent(_ errors: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: errors, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return "event: errors\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }

    /// Ends every stream (server shutdown).
    public func finishAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }
}
