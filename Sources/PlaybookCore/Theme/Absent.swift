import Foundation
import Mustache

/// A value that is known but empty: renders as nothing and skips `{{#name}}` sections.
public struct Absent: MustacheCustomRenderable, Sendable {
    public init() {}
    public var renderText: String { "" }
    public var isNull: Bool { true }
}
