import Foundation
import PlaybookCore

#if canImport(Glibc)
    import Glibc
#endif

/// Maps request paths to files of the output folder, refusing anything that could leave it.
///
/// Refused (answered 404, never a file): `..` and `.` segments, in any percent-encoding; backslashes;
/// NUL bytes; invalid percent-escapes; and any symbolic link on the way, wherever it points.
public struct SiteFiles: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public enum Resolution: Equatable, Sendable {
        case file(path: String, contentType: String)
        /// A folder asked for without its trailing slash: redirect so relative links keep working.
        case redirect(location: String)
        case notFound
    }

    /// Resolves the path part of a request URI (`/delivery/kpis.html`, `/delivery/`).
    public func resolve(_ requestPath: String) -> Resolution {
        let pathOnly = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard pathOnly.hasPrefix("/"), let decoded = Self.percentDecode(pathOnly) else { return .notFound }
        guard !decoded.contains("\0"), !decoded.contains("\\") else { return .notFound }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return .notFound }
        // No component of the path may be a link, so nothing outside the root is reachable.
        var current = root.path
        for (index, segment) in segments.enumerated() {
            current += "/" + segment
            var info = stat()
            guard lstat(current, &info) == 0 else { return .notFound }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK { return .notFound }
            let last = index == segments.count - 1
            if type == S_IFDIR { continue }
            guard type == S_IFREG, last else { return .notFound }
        }
        if !segments.isEmpty, !decoded.hasSuffix("/") {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                return .file(path: current, contentType: MediaType.of(current))
            }
            // A folder without its trailing slash: redirect (relative links need the slash), but only to a
            // folder page that exists, and always with one leading slash (`//host/` would leave the site).
            guard lstat(current + "/index.html", &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
            let raw = pathOnly.split(separator: "/", omittingEmptySubsequences: true)
            return .redirect(location: "/" + raw.joined(separator: "/") + "/")
        }
        current += "/index.html"
        var info = stat()
        guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
        return .file(path: current, contentType: MediaType.of(current))
    }

    /// Strict percent-decoding: nil for a malformed escape.
    static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "%") {
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}
