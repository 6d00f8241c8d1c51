import Foundation
import FuzzDriver
import PlaybookCore

/// KPI targets and quantities (comparators, numbers, units).
func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = Target.parse(text)
    _ = Quantity(text)
    _ = Day(text)
    return 0
}

runFuzzer { data, count in
    guard let data else { return 0 }
    return fuzz(UnsafeRawPointer(data), count)
}
