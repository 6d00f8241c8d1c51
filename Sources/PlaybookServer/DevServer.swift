import Foundation
import Hummingbird
import Logging
import NIOCore
import PlaybookCore
import ServiceLifecycle

/// The preview server. It renders nothing itself: it serves the output folder of the last good build.
public final class DevServer: @unchecked Sendable {
    public let options: DevServerOptions
    public let hub = ReloadHub()
    let files: SiteFiles
    /// Requests read the output under it, so one never meets the folder mid-swap (on systems where the
    /// swap takes two renames).
    let swapLock = SwapLock()
    let log: @Sendable (String) -> Void
    /// Where ticks on served pages are written.
    public let ticks: TickEndpoint
    /// `playbook.html`, made when asked for.
    let exports: ExportOnRequest

    /// Folders and files of the site whose changes trigger a rebuild.
    public static let watchedNames: Set<String> = ["content", "data", "layouts", "themes", "static", "playbook.yml"]

    public init(options: DevServerOptions, log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.options = options
        self.files = SiteFiles(root: options.build.output)
        self.log = log
        self.ticks = TickEndpoint(options: options.build, host: options.host, writesEnabled: options.writesEnabled, log: log)
        self.exports = ExportOnRequest(options: options.build)
    }

    /// Builds, starts watching and serves until the task is cancelled or the process gets SIGINT/SIGTERM.
    /// `onReady` receives the port actually bound.
    public func run(onReady: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let log = self.log
        var buildOptions = options.build
        buildOptions.swapLock = swapLock
        // Each rebuild starts from the last one's cache in memory instead of reading it from disk.
        buildOptions.memory = BuildMemory()
        buildOptions.outputs = OutputRegistry.serve
        let (ticks, exports) = (self.ticks, self.exports)
        let rebuilder = Rebuilder(options: buildOptions, hub: hub) { result, seconds in
            ticks.update(result)
            if result.succeeded, !result.upToDate { exports.invalidate() }
            for diagnostic in result.diagnostics { log(diagnostic.description) }
            let state =
                result.succeeded
                ? (result.upToDate ? "up to date" : "rebuilt \(result.pageCount) pages") : "build failed; serving the last good build"
            log("\(state) in \(Int(seconds * 1000)) ms")
        }
        rebuilder.buildNow()
        let watcher = FileWatcher(root: options.build.root, names: Self.watchedNames, polling: options.polling) {
            rebuilder.changed()
        }
        watcher.start()
        defer { watcher.stop() }

        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Playbook"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                ticks.bound(port: port)
                onReady(port)
            },
            logger: Logger(label: "playbook.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        // A service group of our own: graceful shutdown runs in reverse order, so the event streams
        // (which never end by themselves) are closed before the server waits for open responses.
        let group = ServiceGroup(
            configuration: .init(
                services: [app, EventStreamCloser(hub: hub)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "playbook.serve", factory: { _ in SwiftLogNoOpLogHandler() })))
        var portInUse = false
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            portInUse = true
        }
        // Stopped (SIGINT, SIGTERM) or never started: a rebuild under way finishes, or removes its
        // staging folder, before the process may exit.
        await rebuilder.finish()
        if portInUse { throw DevServerError.portInUse(options.port) }
        await hub.finishAll()
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let hub = self.hub
        router.get("__playbook/events") { _, _ -> Response in
            let stream = await hub.subscribe()
            let body = ResponseBody(asyncSequence: stream.map { ByteBuffer(string: $0) })
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: body)
        }
        router.get("__playbook/live.js") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReloadScript.source)))
        }
        let ticks = self.ticks
        router.post(RouterPath(stringLiteral: String(TickEndpoint.path.dropFirst()))) { request, _ -> Response in await ticks.handle(request) }
        for method in [HTTPRequest.Method.get, .head, .put, .delete, .patch, .options] {
            router.on(RouterPath(stringLiteral: String(TickEndpoint.path.dropFirst())), method: method) { _, _ -> Response in
                var headers = HTTPFields()
                headers[.allow] = "POST"
                return Response(status: .methodNotAllowed, headers: headers)
            }
        }
        let files = self.files
        let lock = swapLock
        let token = ticks.writesEnabled ? ticks.token : nil
        // The one-file export is made when it is asked for (`ExportOnRequest`), not on every save.
        let exports = self.exports
        for head in [false, true] {
            let route = RouterPath(stringLiteral: ExportBuilder.fileName)
            router.on(route, method: head ? .head : .get) { request, _ -> Response in
                guard let data = await exports.currentInBackground() else {
                    return lock.reading { Self.serve(request.uri.path, files: files, head: head, token: token) }
                }
                var headers = HTTPFields()
                headers[.contentType] = "text/html; charset=utf-8"
                headers[.cacheControl] = "no-cache"
                return Self.respond(data: data, isHTML: true, status: .ok, headers: headers, head: head, token: token)
            }
        }
        router.get("**") { request, _ -> Response in lock.reading { Self.serve(request.uri.path, files: files, head: false, token: token) } }
        router.head("**") { request, _ -> Response in lock.reading { Self.serve(request.uri.path, files: files, head: true, token: token) } }
        router.get("/") { request, _ -> Response in lock.reading { Self.serve(request.uri.path, files: files, head: false, token: token) } }
        router.head("/") { request, _ -> Response in lock.reading { Self.serve(request.uri.path, files: files, head: true, token: token) } }
        return router
    }

    /// A file of the output, with the live-reload script added to HTML; `404.html` for anything else.
    /// `token` (when ticks are written) goes into the script tag of every page.
    static func serve(_ path: String, files: SiteFiles, head: Bool, token: String?) -> Response {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-cache"
        switch files.resolve(path) {
        case .redirect(let location):
            headers[.location] = location
            return Response(status: .movedPermanently, headers: headers)
        case .file(let filePath, let contentType):
            guard let data = FileReading.contents(of: filePath) else { return notFound(files: files, head: head, token: token) }
            headers[.contentType] = contentType
            return respond(data: data, isHTML: contentType.hasPrefix("text/html"), status: .ok, headers: headers, head: head, token: token)
        case .notFound:
            return notFound(files: files, head: head, token: token)
        }
    }

    static func notFound(files: SiteFiles, head: Bool, token: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        let page =
            FileReading.contents(of: files.root.appendingPathComponent("404.html").path)
            ?? Data("<!DOCTYPE html><title>Not found</title><h1>Not found</h1>".utf8)
        return respond(data: page, isHTML: true, status: .notFound, headers: headers, head: head, token: token)
    }

    static func respond(data: Data, isHTML: Bool, status: HTTPResponse.Status, headers: HTTPFields, head: Bool, token: String?) -> Response {
        var headers = headers
        let body = isHTML ? Data(LiveReloadScript.inject(into: String(decoding: data, as: UTF8.self), token: token).utf8) : data
        headers[.contentLength] = String(body.count)
        if head { return Response(status: status, headers: headers, body: ResponseBody()) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
