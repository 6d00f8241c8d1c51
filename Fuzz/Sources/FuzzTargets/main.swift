import Foundation
import PlaybookCore

/// KPI targets and quantities (comparators, numbers, units).
func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    _ = Target.parse(text)
    _ = Quantity(text)
    _ = Day(text)
    return 0
}

// SwiftPM gives executables a `main` of their own, so libFuzzer is started through its driver API.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    runFuzzerDriver(&arguments, &argumentValues) { data, count in
        guard let data else { return 0 }
        return fuzz(UnsafeRawPointer(data), count)
    })
