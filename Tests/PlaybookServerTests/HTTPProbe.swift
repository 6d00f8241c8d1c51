import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 client over a raw socket, so requests reach the server exactly as written
/// (no client-side normalisation of `..` or `%2e`).
enum HTTPProbe {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func connect(port: Int) -> Int32 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 {
            close(socketFD)
            return -1
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return socketFD
    }

    static func send(_ socketFD: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.send(socketFD, $0.baseAddress, $0.count, 0) }
    }

    static func request(port: Int, method: String = "GET", path: String) -> Reply? {
        exchange(port: port, "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    }

    /// Sends `request` exactly as written and reads the reply until the server closes.
    static func exchange(port: Int, _ request: String) -> Reply? {
        let socketFD = connect(port: port)
        guard socketFD >= 0 else { return nil }
        defer { close(socketFD) }
        send(socketFD, request)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let statusLine = head.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}

/// Listens to the server-sent events of a running server on a background thread.
final class EventListener: @unchecked Sendable {
    private let lock = NSLock()
    private var received = ""
    private let socketFD: Int32

    init?(port: Int) {
        socketFD = HTTPProbe.connect(port: port)
        guard socketFD >= 0 else { return nil }
        HTTPProbe.send(socketFD, "GET /__playbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
                if count < 0 && errno == EAGAIN { continue }
                if count <= 0 { return }
                lock.lock()
                received += String(decoding: buffer[0..<count], as: UTF8.self)
                lock.unlock()
            }
        }
        thread.start()
    }

    deinit { close(socketFD) }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits until `marker` has arrived `count` times; returns the seconds waited, or nil on timeout.
    func wait(for marker: String, count: Int = 1, timeout: TimeInterval = 10) -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if text.components(separatedBy: marker).count - 1 >= count { return Date().timeIntervalSince(start) }
            usleep(2_000)
        }
        return nil
    }
}
