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
