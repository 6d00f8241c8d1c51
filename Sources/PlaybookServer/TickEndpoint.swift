import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PlaybookCore

/// `POST /__playbook/ticks`: a box ticked on a served page, written into the Markdown.
///
/// Any web page open in the same browser can send requests to a local port, so a write is accepted
/// only when every check passes: writes are on; the `Host` is the address the server is bound to
/// (which stops DNS rebinding); the `Origin`, when sent, is the server's own; the request carries this
/// server start's secret token (embedded only in the pages it serves); the body is small JSON naming a
/// checklist item of the last build, written in an existing Markdown or YAML file of `content/` or
/// `data/` reached without a symbolic link. Anything else is a 4xx and changes nothing.
public final class TickEndpoint: @unchecked Sendable {
    public static let path = "/__playbook/ticks"
    public static let tokenHeader = "X-Playbook-Token"
    /// Bodies above this are refused unread.
    public static let bodyLimit = 4096

    /// Created per server start; embedded in served pages.
    public let token: String
    public let writesEnabled: Bool
    let options: BuildOptions
    let host: String
    let writer: TickWriter
    private let lock = NSLock()
    private var port: Int?
    private var index: TickIndex?
    /// Each file's signature right after our last write into it.
    private var ownWrites: [String: FileSignature] = [:]
    let log: @Sendable (String) -> Void

    init(options: BuildOptions, host: String, writesEnabled: Bool, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.host = host
        self.writesEnabled = writesEnabled
        self.writer = TickWriter(root: options.root)
        self.log = log
        var generator = SystemRandomNumberGenerator()
        token = (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The port actually bound (known once the server runs).
    func bound(port: Int) { lock.withLock { self.port = port } }

    /// After each good build that read the pages: the items it saw.
    func update(_ result: BuildResult) {
        guard let site = result.site else { return }
        var fresh = TickIndex(site: site, root: options.root, inputs: result.inputs)
        lock.withLock {
            // A tick written while the build ran changed a file after the build read it; when nothing
            // but our own writes changed it, the current index followed them and keeps its items.
            if let current = index {
                for file in fresh.unreadFiles where ownWrites[file].map({ $0 == signature(of: file) }) ?? false {
                    fresh.adopt(file, from: current)
                }
            }
            index = fresh
        }
    }

    /// `host:port` values a request may name: the bound address, and for a loopback address also the
    /// other names of the loopback interface.
    func allowedAuthorities() -> Set<String> {
        guard let port = lock.withLock({ self.port }) else { return [] }
        var hosts: Set<String> = [host.contains(":") ? "[\(host)]" : host]
        if DevServerOptions.isLoopback(host) { hosts.formUnion(["localhost", "127.0.0.1", "[::1]"]) }
        return Set(hosts.map { "\($0.lowercased()):\(port)" })
    }

    struct Refusal: Error {
        var status: HTTPResponse.Status
        var message: String
    }

    func handle(_ request: Request) async -> Response {
        do {
            let tick = try await checked(request)
            let (status, body) = write(tick)
            return Self.json(status, body)
        } catch let refusal as Refusal {
            log("refused a tick: \(refusal.message)")
            return Self.json(refusal.status, ["status": "refused", "message": refusal.message])
        } catch {
            return Self.json(.badRequest, ["status": "refused", "message": "could not read the request"])
        }
    }

    /// Every check on the request, in order; the tick it asks for.
    func checked(_ request: Request) async throws -> Tick {
        guard writesEnabled else {
            throw Refusal(
                status: .forbidden, message: "this server does not write files (--read-only, or --host is not loopback without --allow-writes)")
        }
        guard let authority = request.head.authority?.lowercased(), allowedAuthorities().contains(authority) else {
            throw Refusal(status: .forbidden, message: "the Host is not the address this server listens on")
        }
        let origin = request.headers[.origin]
        if let origin {
            guard allowedAuthorities().contains(where: { "http://\($0)" == origin.lowercased() }) else {
                throw Refusal(status: .forbidden, message: "requests from other sites are refused")
            }
        }
        guard let sent = request.headers[HTTPField.Name(Self.tokenHeader)!], Self.sameToken(sent, token) else {
            throw Refusal(status: .forbidden, message: origin == nil ? "a request without an Origin needs the token" : "missing or wrong token")
        }
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/json") else {
            throw Refusal(status: .unsupportedMediaType, message: "the body must be application/json")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.bodyLimit {
            throw Refusal(status: .contentTooLarge, message: "the body is larger than \(Self.bodyLimit) bytes")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.bodyLimit)
        } catch {
            throw Refusal(status: .contentTooLarge, message: "the body is larger than \(Self.bodyLimit) bytes")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            let page = object["page"] as? String, let item = object["item"] as? String, let done = JSONValue.bool(object["done"])
        else { throw Refusal(status: .badRequest, message: "the body must be {\"page\": text, \"item\": text, \"done\": true or false}") }
        return Tick(page: page, item: item, done: done)
    }

    /// Writes one tick, one at a time (and never against an index older than our own last write).
    func write(_ tick: Tick) -> (HTTPResponse.Status, [String: Any]) {
        lock.lock()
        defer { lock.unlock() }
        if index == nil {
            let (read, diagnostics) = TickIndex.read(options: options)
            guard let read else {
                return (.conflict, ["status": "refused", "message": "the site has errors: " + (diagnostics.first?.description ?? "")])
            }
            index = read
        }
        guard let target = index?.target(page: tick.page, item: tick.item) else {
            return (.conflict, ["status": "changed", "message": TickRefusal.unknownItem(page: tick.page, item: tick.item).description])
        }
        do {
            let outcome = try writer.write(tick.done, to: target)
            index?.record(outcome, root: options.root)
            if case .written = outcome { ownWrites[target.file] = signature(of: target.file) }
            index?.setDone(tick.done, page: tick.page, item: tick.item)
            let written: Bool
            if case .written = outcome { written = true } else { written = false }
            if written { log("\(target.file):\(target.line): \(tick.done ? "ticked" : "unticked") \(tick.item)") }
            return (.ok, ["status": written ? "written" : "unchanged", "file": target.file, "line": target.line])
        } catch let refusal as TickRefusal {
            switch refusal {
            case .changed, .unknownItem: return (.conflict, ["status": "changed", "message": refusal.description])
            case .unsupported, .notTheItem: return (.unprocessableContent, ["status": "refused", "message": refusal.description])
            case .notWritable: return (.forbidden, ["status": "refused", "message": refusal.description])
            }
        } catch {
            return (.internalServerError, ["status": "refused", "message": "\(error)"])
        }
    }

    private func signature(of file: String) -> FileSignature? {
        if case .file(_, let signature) = FileTree.kind(of: options.root.appendingPathComponent(file)) { return signature }
        return nil
    }

    /// Compares without stopping at the first difference.
    static func sameToken(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
