import Foundation
import Hummingbird
import Logging
import NIOCore
import PlaybookCore
import ServiceLifecycle

/// Ends the open event streams when the server shuts down: they never end on their own, and a
/// graceful shutdown waits for every open response.
struct EventStreamCloser: Service {
    let hub: ReloadHub

    func run() async throws {
        try? await gracefulShutdown()
        await hub.finishAll()
    }
}
