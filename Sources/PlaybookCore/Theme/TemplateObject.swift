import Foundation
import Mustache

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
