import Foundation
import Hummingbird
import Logging
import NIOCore
import PlaybookCore
import ServiceLifecycle

/// Problems starting the server, with messages for the terminal.
public enum DevServerError: Error, CustomStringConvertible {
    case portInUse(Int)

    public var description: String {
        switch self {
        case .portInUse(let port):
            return "port \(port) is already in use: stop the other server, or pick another with --port (--port 0 takes any free port)"
        }
    }
}
