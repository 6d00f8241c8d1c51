import Foundation
import XCTest

@testable import PlaybookCore

final class BackgroundWorkTests: XCTestCase {
    /// Set by `Captured`'s deinit, which takes its time: a closure's captures are released on the
    /// worker thread after `wait()` has already returned the value.
    private final class Captured: @unchecked Sendable {
        let freed: NSLock
        let flag: UnsafeMutablePointer<Bool>
        init(freed: NSLock, flag: UnsafeMutablePointer<Bool>) {
            self.freed = freed
            self.flag = flag
        }
        deinit {
            Thread.sleep(forTimeInterval: 0.05)
            freed.lock()
            flag.pointee = true
            freed.unlock()
        }
    }

    func testWaitUntilDoneReturnsOnceTheClosuresCapturesAreFreed() {
        let lock = NSLock()
        let flag = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
        defer { flag.deallocate() }
        for _ in 0..<3 {
            flag.pointee = false
            var captured: Captured? = Captured(freed: lock, flag: flag)
            let work = BackgroundWork { [captured] in captured.map { _ in 42 } ?? 0 }
            captured = nil
            XCTAssertEqual(work.wait(), 42)
            AllBackgroundWork.waitUntilDone()
            lock.lock()
            XCTAssertTrue(flag.pointee, "the closure's captures were still held after waitUntilDone")
            lock.unlock()
        }
    }
}
