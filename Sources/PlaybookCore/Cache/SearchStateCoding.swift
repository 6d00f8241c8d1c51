import Foundation

/// `search.bin`: the search index's words (`SearchIndexState`) as the last build left them, so that a
/// one-page edit takes out and puts in that page's words instead of reading every page's text again.
extension SearchIndexState {
    static let formatVersion = "playbook-search-1"

    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.string(Self.formatVersion)
        writer.uint64(token)
        writer.bool(split)
        writer.int(chunk)
        writer.array(paths) { $0.string($1) }
        writer.array(fingerprints) { $0.uint64($1) }
        writer.array(lengths) { $0.varint($1) }
        // Only words some page still has; their numbers are given anew, in the order written.
        let live = numbers.filter { !postings[$0.value].pages.isEmpty }.sorted { $0.key < $1.key }
        writer.int(live.count)
        for (word, number) in live {
            writer.string(word)
            Self.write(postings[number].pages, &writer)
            Self.write(postings[number].headings, &writer)
        }
        writer.array(groups.sorted { $0.key < $1.key }) { writer, group in
            writer.string(group.key)
            writer.array(group.value) { $0.string($1) }
        }
        return writer.bytes
    }

    init?(decoding data: Data) { self.init(decoding: [UInt8](data)) }

    init?(decoding bytes: [UInt8]) {
        var reader = BinaryReader(bytes: bytes)
        do {
            guard try reader.string() == Self.formatVersion else { return nil }
            let token = try reader.uint64()
            let split = try reader.bool()
            let chunk = try reader.int()
            self.init(
                paths: try reader.array { try $0.string() }, fingerprints: try reader.array { try $0.uint64() },
                lengths: try reader.array { try $0.varint() })
            guard fingerprints.count == paths.count, lengths.count == paths.count else { return nil }
            (self.token, self.split, self.chunk) = (token, split, chunk)
            let count = try reader.int()
            guard count >= 0 else { return nil }
            numbers.reserveCapacity(count)
            postings.reserveCapacity(count)
            for number in 0..<count {
                numbers[try reader.string()] = number
                postings.append(
                    SearchIndexBuilder.Postings(
                        pages: try Self.read(&reader, pages: paths.count), headings: try Self.read(&reader, pages: paths.count)))
            }
            guard numbers.count == count else { return nil }
            for _ in 0..<(try reader.int()) { groups[try reader.string()] = try reader.array { try $0.string() } }
            guard reader.isAtEnd else { return nil }
        } catch {
            return nil
        }
    }

    /// `[page, value, …]` pairs, pages as the difference from the one before.
    private static func write(_ pairs: [Int], _ writer: inout BinaryWriter) {
        writer.varint(pairs.count / 2)
        var last = 0
        for index in stride(from: 0, to: pairs.count, by: 2) {
            writer.varint(pairs[index] - last)
            writer.varint(pairs[index + 1])
            last = pairs[index]
        }
    }

    private static func read(_ reader: inout BinaryReader, pages: Int) throws -> [Int] {
        let count = try reader.varint()
        guard count >= 0, count <= reader.remaining / 2 else { throw BinaryReader.Corrupt() }
        var pairs: [Int] = []
        pairs.reserveCapacity(count * 2)
        var page = 0
        for _ in 0..<count {
            page += try reader.varint()
            guard page < pages else { throw BinaryReader.Corrupt() }
            pairs.append(page)
            pairs.append(try reader.varint())
        }
        return pairs
    }
}
