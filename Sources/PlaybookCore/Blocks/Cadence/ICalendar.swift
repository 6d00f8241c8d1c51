import Foundation
import PlaybookMarkdown

/// An RFC 5545 calendar: CRLF line ends, lines folded at 75 octets, text escaped.
struct ICalendar {
    struct Event {
        var uid: String
        var summary: String
        var description: String
        var start: LocalDateTime
        var minutes: Int
        var rrule: String?
    }

    var events: [Event]
    var stamp: Day

    var text: String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Playbook//Playbook//EN", "CALSCALE:GREGORIAN"]
        let dtstamp = stamp.description.replacingOccurrences(of: "-", with: "") + "T000000Z"
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:\(event.uid)", "DTSTAMP:\(dtstamp)", "DTSTART:\(event.start.icalendar)",
                "DURATION:PT\(event.minutes / 60 > 0 ? "\(event.minutes / 60)H" : "")\(event.minutes % 60 > 0 ? "\(event.minutes % 60)M" : "")",
                "SUMMARY:\(Self.escapeText(event.summary))",
            ]
            if !event.description.isEmpty { lines.append("DESCRIPTION:\(Self.escapeText(event.description))") }
            if let rrule = event.rrule { lines.append("RRULE:\(rrule)") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 TEXT: backslash, `;` and `,` escaped; CR, LF and CRLF become `\n` (a bare CR must not
    /// start a line for readers that end lines at CR); other control characters are not allowed and dropped.
    static func escapeText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\", ";", ",":
                out.append("\\")
                out.append(scalar)
            case "\r":
                out.append(contentsOf: "\\n".unicodeScalars)
            case "\n":
                if !previousWasCR { out.append(contentsOf: "\\n".unicodeScalars) }
            case "\t":
                out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Splits a line into 75-octet pieces without cutting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > (pieces.isEmpty ? 75 : 74) {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
