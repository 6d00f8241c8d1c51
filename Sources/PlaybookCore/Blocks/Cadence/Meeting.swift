import Foundation
import PlaybookMarkdown

/// A recurring meeting or report of a communication cadence.
struct Meeting {
    var name: String
    var every: String?
    /// Length in minutes.
    var minutes: Int?
    var durationText: String?
    var audience: String?
    var purpose: String?
    var start: LocalDateTime?
    var line: Int
}
