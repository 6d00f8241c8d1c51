import Foundation

/// Relative URLs between output files, so the site works from disk and under any sub-path.
public enum URLPaths {
    /// The URL of `target` as seen from the page at `source` (both output paths).
    public static func relative(from source: String, to target: String) -> String {
        // Every page links to its ancestors, neighbours and section: this runs many times per page.
        if let fast = relativeOfCleanPaths(from: source, to: target) { return fast }
        return relativeBySegments(from: source, to: target)
    }

    /// `relative(from:to:)` one segment at a time: for any paths, including empty segments.
    static func relativeBySegments(from source: String, to target: String) -> String {
        let from = source.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: from.count - common)
        let downs = to[common...].map { encode(String($0)) }
        return (ups + downs).joined(separator: "/")
    }

    /// `relative(from:to:)` on the bytes, for the paths a build makes: no empty segment, no `/` at
    /// either end, and a target of letters, digits, `-._~` and `/` only (nothing to encode). Nil
    /// for any other paths.
    static func relativeOfCleanPaths(from source: String, to target: String) -> String? {
        var source = source
        var target = target
        return source.withUTF8 { from in
            target.withUTF8 { to -> String? in
                let slash = UInt8(ascii: "/")
                guard isClean(from), isClean(to), to.allSatisfy({ $0 == slash || isUnreserved($0) }) else { return nil }
                // The folders (without their last `/`) of both paths, and their common whole segments.
                let fromFolder = from.lastIndex(of: slash) ?? 0
                let toFolder = to.lastIndex(of: slash) ?? 0
                var same = 0
                while same < fromFolder, same < toFolder, from[same] == to[same] { same += 1 }
                // Bytes of the common folders: up to a `/` (not included) or the end of both folders.
                var common = same
                if !((same == fromFolder || from[same] == slash) && (same == toFolder || to[same] == slash)) {
                    // A segment differs part way: back to the `/` before it, or the start.
                    while common > 0 {
                        common -= 1
                        if from[common] == slash { break }
                    }
                }
                // Folders of `source` below the common ones: one `..` each.
                var ups = 0
                if common < fromFolder {
                    ups = 1
                    for index in (common + 1)..<fromFolder where from[index] == slash { ups += 1 }
                }
                let rest = common == 0 ? 0 : common + 1
                var result = ""
                result.reserveCapacity(ups * 3 + to.count - rest)
                for _ in 0..<ups { result += "../" }
                result += String(decoding: UnsafeBufferPointer(rebasing: to[rest...]), as: UTF8.self)
                return result
            }
        }
    }

    /// No empty segment and no `/` at either end.
    private static func isClean(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/")
        guard let first = path.first, let last = path.last, first != slash, last != slash else { return false }
        for index in 1..<path.count where path[index] == slash && path[index - 1] == slash { return false }
        return true
    }

    /// `../../` from a page at `source` back to the output root; empty at the root.
    public static func root(from source: String) -> String {
        String(repeating: "../", count: max(0, source.split(separator: "/").count - 1))
    }

    /// Percent-encodes one path segment.
    public static func encode(_ segment: String) -> String {
        // Letters, digits and `-._~` never need escaping: most segments are only that, and Foundation's
        // encoder is slow enough to matter when every page links to every page of its section.
        if segment.utf8.allSatisfy(isUnreserved) { return segment }
        return segment.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? segment
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 46 || byte == 95 || byte == 126
    }

    private static let segmentAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/?#%;")
        return set
    }()

    /// Resolves `relative` against `folder` (both `/`-separated); nil when it climbs above the root.
    public static func resolve(_ relative: String, in folder: String) -> String? {
        // On bytes, into one buffer (a slash and a dot are one byte each in UTF-8, and never inside
        // another character's bytes): every link of every page comes through here.
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var path: [UInt8] = []
        path.reserveCapacity(folder.utf8.count + relative.utf8.count + 1)
        if !relative.utf8.starts(with: [slash]) {
            eachSegment(of: folder.utf8) { part in
                if !path.isEmpty { path.append(slash) }
                path.append(contentsOf: part)
                return true
            }
        }
        let inside = eachSegment(of: relative.utf8) { part in
            guard part.count <= 2, part.allSatisfy({ $0 == dot }) else {
                if !path.isEmpty { path.append(slash) }
                path.append(contentsOf: part)
                return true
            }
            guard part.count == 2 else { return true }
            guard !path.isEmpty else { return false }
            path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
            return true
        }
        return inside ? String(decoding: path, as: UTF8.self) : nil
    }

    /// Calls `body` with each non-empty part of `bytes` between slashes, while it returns true;
    /// false if it stopped.
    @discardableResult
    private static func eachSegment(of bytes: String.UTF8View, _ body: (Substring.UTF8View) -> Bool) -> Bool {
        let slash = UInt8(ascii: "/")
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == slash {
                if start != index, !body(bytes[start..<index]) { return false }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        return start == bytes.endIndex || body(bytes[start..<bytes.endIndex])
    }

    /// The non-empty parts of `path` between slashes, cut on bytes (a slash is one byte in UTF-8).
    static func segments(of path: String) -> [Substring] {
        var parts: [Substring] = []
        // (A part's ends are next to slashes, so its byte indices are character boundaries too.)
        eachSegment(of: path.utf8) { part in
            parts.append(path[part.startIndex..<part.endIndex])
            return true
        }
        return parts
    }
}
