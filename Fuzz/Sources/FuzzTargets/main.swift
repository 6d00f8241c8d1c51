import Foundation
import PlaybookCore

/// KPI targets and quantities (comparators, numbers, units).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = Target.parse(text)
    _ = Quantity(text)
    _ = Day(text)
    return 0
}
