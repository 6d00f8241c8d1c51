import Foundation
import Mustache

/// A value computed the first time a template asks for it, then kept. One render uses it, on one thread.
final class LazyValue: @unchecked Sendable {
    private let make: () -> Any
    private(set) lazy var value: Any = make()

    init(_ make: @escaping () -> Any) { self.make = make }
}
