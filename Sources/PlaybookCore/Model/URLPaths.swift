import Foundation

/// Relative URLs between output files, so the site works from disk and under any sub-path.
public enum URLPaths {
    /// The URL of `target` as seen from the page at `source` (both output paths).
    public static func relative(from source: String, to target: String) -> String {
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
        var parts = relative.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
