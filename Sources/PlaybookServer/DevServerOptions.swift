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

    public init(build: BuildOptions) { self.build = build }
}
