import Foundation
import FuzzDriver
import PlaybookCore

/// Front-matter splitting and parsing of arbitrary bytes: must never crash or hang.
func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    _ = PageParser().parse(SourceFile(path: "content/fuzz.md", data: data))
    _ = SiteConfigParser().parse(String(decoding: data, as: UTF8.self))
    return 0
}

runFuzzer { data, count in
    guard let data else { return 0 }
    return fuzz(UnsafeRawPointer(data), count)
}
