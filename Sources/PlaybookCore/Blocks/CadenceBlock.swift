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

/// A wall-clock time without zone (`2025-01-06T09:30`), as calendars call "floating".
public struct LocalDateTime: Hashable, Sendable {
    public var day: Day
    public var hour: Int
    public var minute: Int

    public init(day: Day, hour: Int, minute: Int) {
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2, let day = Day(parts[0]) else { return nil }
        let time = parts[1].split(separator: ":").map(String.init)
        guard time.count == 2, time.allSatisfy({ $0.count == 2 }), let hour = Int(time[0]), let minute = Int(time[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// `20250106T093000`.
    var icalendar: String {
        day.description.replacingOccurrences(of: "-", with: "") + "T" + String(format: "%02d%02d00", hour, minute)
    }

    var display: String { "\(day) " + time }

    /// `09:30`.
    var time: String { String(format: "%02d:%02d", hour, minute) }
}

/// Reads and renders a `cadence` block and writes its calendar file.
struct CadenceBlock {
    static let fields = ["name", "every", "duration", "audience", "purpose", "start"]
    static let frequencies = ["weekday", "daily", "weekly", "biweekly", "monthly", "ad hoc"]

    /// `15m`, `1h`, `1h30m`, `90 min` → minutes.
    static func minutes(_ text: String) -> Int? {
        var total = 0
        var number = ""
        var sawUnit = false
        let compact = text.lowercased().replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: "minutes", with: "m").replacingOccurrences(of: "minute", with: "m")
            .replacingOccurrences(of: "mins", with: "m").replacingOccurrences(of: "min", with: "m")
            .replacingOccurrences(of: "hours", with: "h").replacingOccurrences(of: "hour", with: "h")
        for character in compact {
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if character == "h" || character == "m", let value = Int(number) {
                total += character == "h" ? value * 60 : value
                number = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        guard number.isEmpty, sawUnit, total > 0, total <= 24 * 60 else { return nil }
        return total
    }

    static func read(_ node: YAMLNode, problems: inout [Diagnostic]) -> Meeting? {
        guard node.mapping != nil else {
            problems.append(.error("", line: node.line, "cadence: each item must be a mapping with at least 'name', not \(node.typeDescription)"))
            return nil
        }
        var fields = FieldReader(node, kind: "cadence")
        fields.rejectUnknownKeys(Self.fields)
        let name = fields.text("name", required: true)
        let every = fields.choice("every", frequencies)
        let durationText = fields.text("duration")
        var minutes: Int?
        if let durationText {
            minutes = Self.minutes(durationText)
            if minutes == nil {
                fields.fail(node["duration"]?.line ?? node.line, "cadence: field 'duration' must look like 15m, 1h or 1h30m, not '\(durationText)'")
            }
        }
        var start: LocalDateTime?
        if let text = fields.text("start") {
            start = LocalDateTime(text)
            if start == nil {
                fields.fail(node["start"]?.line ?? node.line, "cadence: field 'start' must be YYYY-MM-DDTHH:MM (local time), not '\(text)'")
            }
        }
        let meeting = Meeting(
            name: name ?? "", every: every, minutes: minutes, durationText: durationText,
            audience: fields.text("audience"), purpose: fields.text("purpose"), start: start, line: node.line)
        problems += fields.problems
        return fields.problems.isEmpty ? meeting : nil
    }

    static func rrule(_ every: String?) -> String? {
        switch every {
        case "weekday": return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
        case "daily": return "FREQ=DAILY"
        case "weekly": return "FREQ=WEEKLY"
        case "biweekly": return "FREQ=WEEKLY;INTERVAL=2"
        case "monthly": return "FREQ=MONTHLY"
        default: return nil
        }
    }

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        let meetings = items.compactMap { Self.read($0, problems: &result.problems) }
        guard result.problems.isEmpty else { return result }
        var html = "<figure class=\"pb-block pb-cadence\">\n"
        if let title { html += "<figcaption class=\"pb-block-title\">\(escape(title))</figcaption>\n" }
        html += BlockTable.open(label: title ?? "Communication cadence", columns: ["Meeting", "How often", "Duration", "Audience", "Purpose"])
        for meeting in meetings {
            let starts = meeting.start.map { "<br><small>from \(escape($0.display))</small>" } ?? ""
            html += "<tr><th scope=\"row\">\(context.inline(meeting.name))</th><td>\(meeting.every.map(escape) ?? "—")\(starts)</td>"
            html += "<td>\(meeting.durationText.map(escape) ?? "—")</td><td>\(meeting.audience.map(context.inline) ?? "—")</td>"
            html += "<td>\(meeting.purpose.map(context.inline) ?? "—")</td></tr>\n"
        }
        html += BlockTable.close()
        result.items.meetings = meetings.map { meeting in
            MeetingEntry(
                name: context.plain(meeting.name), every: meeting.every, start: meeting.start, minutes: meeting.minutes,
                audience: meeting.audience.map(context.plain), location: context.location(line: meeting.line))
        }
        let scheduled = meetings.filter { $0.start != nil }
        if !scheduled.isEmpty {
            let number = context.ids.next("calendar")
            let base = context.pagePath.split(separator: "/").last.map { String($0.dropLast(".html".count)) } ?? "cadence"
            let fileName = number == 1 ? "\(base).ics" : "\(base)-\(number).ics"
            let folder = context.pagePath.split(separator: "/").dropLast().joined(separator: "/")
            let path = folder.isEmpty ? fileName : "\(folder)/\(fileName)"
            let calendar = ICalendar(
                events: scheduled.map { meeting in
                    ICalendar.Event(
                        uid: "\(HeadingIDs.slug(meeting.name))-\(StableHash.hex(path + "\n" + meeting.name))@playbook",
                        summary: meeting.name,
                        description: [meeting.purpose, meeting.audience.map { "Audience: \($0)" }].compactMap { $0 }.joined(separator: "\n"),
                        start: meeting.start!, minutes: meeting.minutes ?? 30, rrule: Self.rrule(meeting.every))
                }, stamp: context.buildDate)
            let href: String
            if context.inlineAttachments {
                href = "data:text/calendar;charset=utf-8;base64," + Data(calendar.text.utf8).base64EncodedString()
            } else {
                result.attachments.append(OutputFile(path: path, text: calendar.text))
                href = URLPaths.encode(fileName)
            }
            html += "<p class=\"pb-calendar\"><a href=\"\(href)\" download=\"\(escape(fileName))\">Add these meetings to a calendar (.ics)</a></p>\n"
        }
        result.html = html + "</figure>"
        return result
    }
}

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

/// FNV-1a, for ids that must stay the same from build to build (Swift's `Hasher` is seeded per run).
enum StableHash {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
