import Foundation
import Mustache

/// An object templates can read: a dictionary that reports every lookup to a recorder.
///
/// Mustache asks each object on its context stack in turn, so one object's miss is not an error;
/// a name that no object answers during the whole build is.
///
/// A struct holding one reference: swift-mustache casts every object of its context stack to its
/// protocols on every lookup, most of those casts fail, and a failed cast of a class instance also
/// asks whether it is a boxed value (`swift_unboxFromSwiftValueWithType`), which a struct's does not.
/// One reference is as cheap to copy into and out of those casts as a class.
public struct TemplateObject: MustacheParent, @unchecked Sendable {
    final class Storage {
        let values: [String: Any]
        /// Values under `values`, shared by many objects (the links every page of a folder has).
        let shared: [String: Any]
        /// Values made only when a template asks for them (long lists only some templates show).
        let lazy: [String: LazyValue]
        let recorder: LookupRecorder?

        init(values: [String: Any], shared: [String: Any], lazy: [String: LazyValue], recorder: LookupRecorder?) {
            self.values = values
            self.shared = shared
            self.lazy = lazy
            self.recorder = recorder
        }
    }

    let storage: Storage
    var values: [String: Any] { storage.values }

    public init(_ values: [String: Any], recorder: LookupRecorder?) {
        storage = Storage(values: values, shared: [:], lazy: [:], recorder: recorder)
    }

    init(_ values: [String: Any], shared: [String: Any] = [:], lazy: [String: LazyValue] = [:], recorder: LookupRecorder?) {
        storage = Storage(values: values, shared: shared, lazy: lazy, recorder: recorder)
    }

    public func child(named name: String) -> Any? {
        // Runaway recursion through partials: answer nothing, so every section is skipped and it unwinds.
        if StackGuard.isExhausted() { return nil }
        let storage = storage
        let value =
            storage.values[name] ?? (storage.shared.isEmpty ? nil : storage.shared[name])
            ?? (storage.lazy.isEmpty ? nil : storage.lazy[name]?.value)
        storage.recorder?.record(name, found: value != nil)
        return value
    }

}

/// Text renders as itself. swift-mustache's own path for a value that is not `MustacheCustomRenderable`
/// tries it as a lambda and as an optional, then formats it with `String(describing:)`: three more
/// dynamic casts for every `{{name}}` of every page. The output is the same. (Retroactive: should
/// swift-mustache ever make `String` renderable itself, this conformance is the one to delete.)
// swift-format-ignore: AvoidRetroactiveConformances
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

/// A section over text (`{{#page.date}}…{{/page.date}}`) puts the text on the context stack, and each
/// name looked up inside it is asked of the text first. swift-mustache asks an object that is not a
/// `MustacheParent` through `Mirror` (a reflection of the value each time), and text has no children
/// there: as a parent it gives the same answer, nothing, without the reflection.
// swift-format-ignore: AvoidRetroactiveConformances
extension String: @retroactive MustacheParent {
    public func child(named: String) -> Any? { nil }
}
