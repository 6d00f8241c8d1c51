import Foundation
import PlaybookCore

/// Front-matter splitting and parsing of arbitrary bytes: must never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    _ = PageParser().parse(SourceFile(path: "content/fuzz.md", data: data))
    _ = SiteConfigParser().parse(String(decoding: data, as: UTF8.self))
    return 0
}
