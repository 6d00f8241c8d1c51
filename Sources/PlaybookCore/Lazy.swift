import Foundation

/// A value made the first time it is asked for, from any thread, once (a template's lazy values are
/// `LazyValue`: one render, one thread, no lock).
final class Lazy<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: () -> Value

    init(_ make: @escaping () -> Value) { self.make = make }

    var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
