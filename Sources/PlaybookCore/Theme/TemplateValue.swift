import Foundation
import Mustache

/// Records the names templates ask for, so names no value ever answered can be reported.
///
/// One recorder serves one page render on one thread (no locking on this hot path);
/// `merge(_:)` combines them afterwards.
public final class LookupRecorder: @unchecked Sendable {
    private(set) var missed: Set<String> = []
    private(set) var found: Set<String> = []

    public init() {}

    func record(_ name: String, found hit: Bool) {
        if hit { found.insert(name) } else { missed.insert(name) }
    }

    /// Adds another recorder's lookups to this one.
    func merge(_ other: LookupRecorder) {
        missed.formUnion(other.missed)
        found.formUnion(other.found)
    }

    /// Names that were looked up and never found on any object.
    public var unknownNames: [String] { missed.subtracting(found).sorted() }
}

/// An object templates can read: a dictionary that reports every lookup to a recorder.
///
/// Mustache asks each object on its context stack in turn, so one object's miss is not an error;
/// a name that no object answers during the whole build is.
public struct TemplateObject: MustacheParent, @unchecked Sendable {
    var values: [String: Any]
    /// Values made only when a template asks for them (long lists only some templates show).
    var lazy: [String: LazyValue] = [:]
    let recorder: LookupRecorder?

    public init(_ values: [String: Any], recorder: LookupRecorder?) {
        self.values = values
        self.recorder = recorder
    }

    init(_ values: [String: Any], lazy: [String: LazyValue], recorder: LookupRecorder?) {
        self.values = values
        self.lazy = lazy
        self.recorder = recorder
    }

    public func child(named name: String) -> Any? {
        // Runaway recursion through partials: answer nothing, so every section is skipped and it unwinds.
        if StackGuard.isExhausted() { return nil }
        let value = values[name] ?? (lazy.isEmpty ? nil : lazy[name]?.value)
        recorder?.record(name, found: value != nil)
        return value
    }

}

/// A value computed the first time a template asks for it, then kept. One render uses it, on one thread.
final class LazyValue: @unchecked Sendable {
    private let make: () -> Any
    private(set) lazy var value: Any = make()

    init(_ make: @escaping () -> Any) { self.make = make }
}

/// A value that is known but empty: renders as nothing and skips `{{#name}}` sections.
public struct Absent: MustacheCustomRenderable, Sendable {
    public init() {}
    public var renderText: String { "" }
    public var isNull: Bool { true }
}
