import ArgumentParser
import Foundation
import PlaybookCore

/// The build date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else today (UTC).
enum BuildDate {
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Day {
        if let text = environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds >= 0, Day.unixTimeRange.contains(seconds) else {
                throw ValidationError(
                    "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to 253402300799 (the end of 9999), not '\(text)'")
            }
            return Day(unixTime: seconds)
        }
        return Day(unixTime: Int(Date().timeIntervalSince1970))
    }
}
