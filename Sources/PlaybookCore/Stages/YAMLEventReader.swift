// libyaml as Yams bundles it: the same C code Yams parses with, reached through the module Yams builds it
// as (a SwiftPM package sees the C modules of its dependencies; `CYaml` is not a product to declare).
import CYaml

/// Builds `YAMLNode`s straight from libyaml's events, for the YAML nearly every front matter and block
/// holds: one document of mappings, lists and scalars, without tags, anchors, aliases or duplicate keys.
///
/// Yams composes a tree of its own first (an object per event, a tag per node, a hashed duplicate check
/// per mapping), which `YAMLReader` then converted: about 80% of reading a page's front matter. Here
/// there is one pass and no tree between. Whatever this reader does not take on (a tag, an anchor or
/// alias, a duplicate key, more than one document, too many nodes or levels, a syntax error) returns
/// `nil`, and `YAMLReader` reads the text through Yams as before, which composes, checks and words the
/// error. On what it does take, both give the same nodes (`YAMLEventReaderTests`).
struct YAMLEventReader {
    var maxNodes: Int
    var maxDepth: Int

    /// The document's root (nil for an empty stream), or nil when Yams must read it.
    func read(_ text: String) -> YAMLNode?? {
        var text = text
        return text.withUTF8 { bytes -> YAMLNode?? in
            // libyaml wants an input pointer even for no bytes; no bytes is no document to Yams.
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return .some(nil) }
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return nil }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, base, bytes.count)
            var builder = Builder(events: Events(parser: parser), budget: maxNodes, maxDepth: maxDepth)
            defer { builder.events.release() }
            return builder.document()
        }
    }

    /// libyaml's events, one at a time; each is freed when the next is read.
    fileprivate struct Events {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        private(set) var holding = false

        init(parser: UnsafeMutablePointer<yaml_parser_t>) { self.parser = parser }

        /// Reads the next event; false on a syntax error.
        mutating func next() -> Bool {
            if holding { yaml_event_delete(event) }
            holding = yaml_parser_parse(parser, event) == 1
            return holding
        }

        var type: yaml_event_type_t { event.pointee.type }
        /// The event's line, 1-based, as Yams marks a node.
        var line: Int { Int(event.pointee.start_mark.line) + 1 }

        mutating func release() {
            if holding { yaml_event_delete(event) }
            holding = false
            event.deallocate()
        }
    }

    private struct Builder {
        var events: Events
        var budget: Int
        let maxDepth: Int

        mutating func document() -> YAMLNode?? {
            guard events.next(), events.type == YAML_STREAM_START_EVENT, events.next() else { return nil }
            if events.type == YAML_STREAM_END_EVENT { return .some(nil) }
            guard events.type == YAML_DOCUMENT_START_EVENT, events.next(), let root = node(depth: 0) else { return nil }
            guard events.next(), events.type == YAML_DOCUMENT_END_EVENT else { return nil }
            guard events.next(), events.type == YAML_STREAM_END_EVENT else { return nil }
            return .some(root)
        }

        /// The node whose first event is the current one; nil when Yams must read the text.
        mutating func node(depth: Int) -> YAMLNode? {
            budget -= 1
            guard budget >= 0, depth <= maxDepth else { return nil }
            let line = events.line
            switch events.type {
            case YAML_SCALAR_EVENT:
                guard let text = scalarText() else { return nil }
                let plain = events.event.pointee.data.scalar.style == YAML_PLAIN_SCALAR_STYLE
                return YAMLNode(kind: .scalar(text, plain ? PlainScalarType.of(text) : .string), line: line)
            case YAML_SEQUENCE_START_EVENT:
                let start = events.event.pointee.data.sequence_start
                guard start.anchor == nil, start.tag == nil else { return nil }
                var items: [YAMLNode] = []
                while true {
                    guard events.next() else { return nil }
                    if events.type == YAML_SEQUENCE_END_EVENT { break }
                    guard let item = node(depth: depth + 1) else { return nil }
                    items.append(item)
                }
                return YAMLNode(kind: .sequence(items), line: line)
            case YAML_MAPPING_START_EVENT:
                let start = events.event.pointee.data.mapping_start
                guard start.anchor == nil, start.tag == nil else { return nil }
                var pairs: [YAMLNode.Pair] = []
                while true {
                    guard events.next() else { return nil }
                    if events.type == YAML_MAPPING_END_EVENT { break }
                    // A key is text, once per mapping (Yams reports a repeated one).
                    guard events.type == YAML_SCALAR_EVENT, let key = scalarText(), !pairs.contains(where: { $0.key == key }) else { return nil }
                    guard events.next(), let value = node(depth: depth + 1) else { return nil }
                    pairs.append(YAMLNode.Pair(key: key, value: value))
                }
                return YAMLNode(kind: .mapping(pairs), line: line)
            default:
                // An alias: Yams resolves it.
                return nil
            }
        }

        /// The current scalar's text; nil when it has an anchor or a tag.
        func scalarText() -> String? {
            let scalar = events.event.pointee.data.scalar
            guard scalar.anchor == nil, scalar.tag == nil else { return nil }
            return String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
        }
    }
}
