import Foundation
import Hummingbird
import Logging
import NIOCore
import PlaybookCore
import ServiceLifecycle

/// What `playbook serve` runs: build, watch, rebuild, serve the output, tell pages to reload.
public struct DevServerOptions: Sendable {
    public var build: BuildOptions
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 1313
    /// Poll for changes instead of using inotify.
    public var polling = false
    /// Write ticks even when `host` is not a loopback address.
    public var allowWrites = false
    /// Never write ticks.
    public var readOnly = false

    public init(build: BuildOptions) { self.build = build }

    /// Ticks on served pages are written into the sources: by default only on a loopback address.
    public var writesEnabled: Bool { !readOnly && (allowWrites || Self.isLoopback(host)) }

    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "[::1]" { return true }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
