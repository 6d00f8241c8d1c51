import Foundation
import PlaybookCore

/// Front-matter splitting and parsing of arbitrary bytes: must never crash or hang.
func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    _ = PageParser().parse(SourceFile(path: "content/fuzz.md", data: data))
    _ = SiteConfigParser().parse(String(decoding: data, as: UTF8.self))
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
