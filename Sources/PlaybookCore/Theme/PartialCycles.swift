import Mustache

/// Finds partials that include themselves with nothing that could stop them.
///
/// `{{> nav}}` inside `nav.mustache` (or `a` → `b` → `a`, or a layout that extends itself) recurses
/// until the stack overflows on every render. An include inside a `{{#section}}` may be data-driven
/// (a tree drawn level by level) and is left to `StackGuard` at render time; an include outside any
/// section, or only inside inverted sections (which do not change the context, so decide the same at
/// every level), can never stop.
///
/// swift-mustache keeps its parsed tokens internal, so they are read with `Mirror`: the case names
/// are those of `MustacheTemplate.Token` in swift-mustache 2.x.
enum PartialCycles {
    /// False when no cycle is possible at all, told from the texts alone: every `{{>name}}` and
    /// `{{<name}}` outside all `{{#sections}}` counts as an include, the same rule as `find(in:)`. Only
    /// when this cannot rule a cycle out is the parsed templates' structure walked (by reflection,
    /// which costs more than parsing them). A text this scan does not follow (other delimiters, a
    /// dynamic partial, sections that do not close in order) is always walked.
    static func mayHaveCycles(_ sources: [String: String]) -> Bool {
        var edges: [String: [String]] = [:]
        for (name, text) in sources {
            guard let targets = unguardedIncludes(in: text) else { return true }
            edges[name] = targets.filter { sources[$0] != nil }
        }
        return edges.keys.contains { cycle(from: $0, edges: edges) != nil }
    }

    /// The partials `text` includes outside every section, read from its bytes; nil when the text is
    /// beyond this scan.
    static func unguardedIncludes(in text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            let open = UInt8(ascii: "{")
            let close = UInt8(ascii: "}")
            var targets: [String] = []
            var sections: [(sigil: UInt8, name: String)] = []
            var index = 0
            /// The index of the next `}}` at or after `from`.
            func end(from: Int) -> Int? {
                var at = from
                while at + 1 < bytes.count {
                    if bytes[at] == close && bytes[at + 1] == close { return at }
                    at += 1
                }
                return nil
            }
            func name(_ from: Int, _ to: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
            while index + 2 < bytes.count {
                guard bytes[index] == open, bytes[index + 1] == open else {
                    index += 1
                    continue
                }
                let sigil = bytes[index + 2]
                if sigil == open {
                    // `{{{raw}}}`: a variable.
                    guard let stop = end(from: index + 3) else { return targets }
                    index = stop + 2
                    continue
                }
                guard let stop = end(from: index + 2) else { return targets }  // an unclosed tag: a parse error
                let body = index + 3
                defer { index = stop + 2 }
                switch sigil {
                case UInt8(ascii: "="): return nil
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"):
                    sections.append((sigil, name(body, stop)))
                case UInt8(ascii: "/"):
                    guard let last = sections.popLast(), last.name == name(body, stop) else { return nil }
                case UInt8(ascii: ">"), UInt8(ascii: "<"):
                    let target = name(body, stop)
                    if target.hasPrefix("*") { return nil }
                    if !sections.contains(where: { $0.sigil == UInt8(ascii: "#") }) { targets.append(target) }
                    if sigil == UInt8(ascii: "<") { sections.append((sigil, target)) }
                default:
                    continue
                }
            }
            return targets
        }
    }

    /// Each cycle once, as template names from the first (alphabetically) back to it: `["a", "b", "a"]`.
    static func find(in templates: [String: MustacheTemplate]) -> [[String]] {
        var edges: [String: [String]] = [:]
        for (name, template) in templates {
            var targets: [String] = []
            collect(template, guarded: false, into: &targets)
            edges[name] = targets.filter { templates[$0] != nil }
        }
        var cycles: [[String]] = []
        var reported: Set<String> = []
        for start in edges.keys.sorted() where !reported.contains(start) {
            guard let path = cycle(from: start, edges: edges) else { continue }
            cycles.append(path)
            reported.formUnion(path)
        }
        return cycles
    }

    /// A path from `start` back to itself over unguarded includes, found depth first.
    private static func cycle(from start: String, edges: [String: [String]]) -> [String]? {
        var visited: Set<String> = []
        func visit(_ name: String, _ path: [String]) -> [String]? {
            for next in edges[name] ?? [] {
                if next == start { return path + [next] }
                if visited.insert(next).inserted, let found = visit(next, path + [next]) { return found }
            }
            return nil
        }
        return visit(start, [start])
    }

    /// Names of the partials `template` includes outside every (non-inverted) section.
    private static func collect(_ template: MustacheTemplate, guarded: Bool, into targets: inout [String]) {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else { return }
        for token in tokens {
            guard let (kind, payload) = Mirror(reflecting: token).children.first.map({ ($0.label ?? "", $0.value) }) else { continue }
            let values = Mirror(reflecting: payload).children.map(\.value)
            let nested = values.compactMap { $0 as? MustacheTemplate }
            let overrides =
                values.compactMap { $0 as? [String: MustacheTemplate] }.flatMap(\.values)
                + values.compactMap { $0 as? [String: MustacheTemplate]? }.compactMap { $0 }.flatMap(\.values)
            switch kind {
            case "section":
                // Sections push a value on the context: recursion under one may end with the data.
                for template in nested { collect(template, guarded: true, into: &targets) }
            case "invertedSection", "blockExpansion", "blockDefinition":
                for template in nested { collect(template, guarded: guarded, into: &targets) }
            case "partial":
                if !guarded, let name = values.first as? String { targets.append(name) }
                for template in overrides { collect(template, guarded: guarded, into: &targets) }
            default:
                continue
            }
        }
    }
}
