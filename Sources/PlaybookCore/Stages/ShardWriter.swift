import Foundation

/// Writes a split search index: the word shards (by two letters, a large one by three) and the page
/// chunks. With the last build's state, it writes only the shards and chunks whose contents changed
/// and links the others from the last build's output.
struct ShardWriter {
    typealias Builder = SearchIndexBuilder

    var state: SearchIndexState
    var continuity: Builder.Continuity?
    /// The numbers of the words whose postings changed (nil: every word is new).
    var changedWords: Set<Int>?
    var parallel: Parallel

    /// Takes over the last build's copies of `paths` when every one is still right: returns those
    /// linked (all or, when a link fails, some; a linked path must then not be written, since it is
    /// the last build's file).
    func linked(_ paths: [String]) -> Set<String> {
        guard let reuse = continuity?.reuse, let link = continuity?.link, paths.allSatisfy(reuse) else { return [] }
        return Set(paths.filter(link))
    }

    /// Writes the word shards of `words`; returns the shard keys in order and sets `groups` (the
    /// shards of each two-letter group).
    func writeWordShards(
        _ words: [(String, Int)], into emit: (String, [String]) throws -> Void, groups: inout [String: [String]]
    ) rethrows -> [String] {
        let postings = state.postings
        var byKey: [String: [(String, Int)]] = [:]
        for word in words { byKey[Builder.prefix(word.0, 2), default: []].append(word) }
        // The words whose postings changed (those left without any page included), and their shards.
        let changedTexts: Set<String>? = changedWords.map { changed in
            Set(state.numbers.compactMap { changed.contains($0.value) ? $0.key : nil })
        }
        let changedGroups = changedTexts.map { Set($0.map { Builder.prefix($0, 2) }) }
        let changedLonger = changedTexts.map { Set($0.map { Builder.prefix($0, 3) }) }
        var made: [String: [String]] = [:]
        // Which groups to make again (the others are linked whole), then their shards, side by side: a
        // shard of a split group none of whose words changed is left to be linked (nil object).
        var toMake: [(group: String, members: [(String, Int)], before: Set<String>)] = []
        for (group, members) in byKey.sorted(by: { $0.key < $1.key }) {
            if let changedGroups, let before = state.groups[group], !changedGroups.contains(group),
                linked(before.map(Builder.shardPath)).count == before.count
            {
                made[group] = before
                continue
            }
            toMake.append((group, members, changedTexts == nil ? [] : Set(state.groups[group] ?? [])))
        }
        let shards = parallel.map(toMake) { job -> [(key: String, object: String?)] in
            let (group, members, before) = job
            guard Builder.termsSize(members[...], postings) > Builder.shardLimit, members.contains(where: { $0.0.unicodeScalars.count > 2 })
            else {
                return [(group, Builder.termsObject(members[...], postings))]
            }
            var longer: [String: [(String, Int)]] = [:]
            for word in members { longer[Builder.prefix(word.0, 3), default: []].append(word) }
            return longer.sorted(by: { $0.key < $1.key }).map { key, words in
                let unchanged = before.contains(key) && !(changedLonger?.contains(key) ?? true)
                return (key, unchanged ? nil : Builder.termsObject(words[...], postings))
            }
        }
        for (job, shards) in zip(toMake, shards) {
            for (key, object) in shards {
                let path = Builder.shardPath(key)
                if object == nil, linked([path]).contains(path) { continue }
                let text = object ?? Builder.termsObject(job.members.filter { Builder.prefix($0.0, 3) == key }[...], postings)
                try emit(path, ["PLAYBOOK_SEARCH_PART(\(JSONText.encode("t" + key)),", text, ");\n"])
            }
            made[job.group] = shards.map(\.key)
        }
        groups = made
        return byKey.keys.sorted().flatMap { made[$0] ?? [] }
    }

    /// Writes the page chunks, a batch of chunks at a time; an unchanged chunk is linked. Sets
    /// `state.chunk`.
    func writePageChunks(
        pages: [RenderedPage], changedPages: Set<Int>?, state: inout SearchIndexState, entries: ([Int]) -> [String],
        into emit: (String, [String]) throws -> Void
    ) rethrows {
        let textBytes = state.lengths.reduce(0, +)
        let chunk = max(1, min(pages.count, Builder.chunkBytes / max(1, textBytes / max(1, pages.count))))
        let sameChunks = changedPages != nil && state.chunk == chunk
        state.chunk = chunk
        let perBatch = chunk * max(1, Builder.batch / chunk)
        for start in stride(from: 0, to: pages.count, by: perBatch) {
            let numbers = stride(from: start, to: min(pages.count, start + perBatch), by: chunk).map { $0 / chunk }
            let needed = numbers.filter { number in
                let range = number * chunk..<min(pages.count, (number + 1) * chunk)
                return
                    !(sameChunks && !range.contains(where: { changedPages!.contains($0) })
                    && !linked(["\(Builder.folder)/p\(number).js"]).isEmpty)
            }
            guard !needed.isEmpty else { continue }
            // The entries of the needed chunks only (an edit needs one chunk, not its whole batch).
            let ranges = needed.map { $0 * chunk..<min(pages.count, ($0 + 1) * chunk) }
            let made = entries(ranges.flatMap { $0 })
            var offset = 0
            for (number, range) in zip(needed, ranges) {
                try emit(
                    "\(Builder.folder)/p\(number).js",
                    ["PLAYBOOK_SEARCH_PART(\"p\(number)\",["] + Builder.list(made[offset..<offset + range.count]) + ["]);\n"])
                offset += range.count
            }
        }
    }
}
