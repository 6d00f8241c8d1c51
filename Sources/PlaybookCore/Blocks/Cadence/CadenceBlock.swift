import Foundation
import PlaybookMarkdown

/// Reads and renders a `cadence` block and writes its calendar file.
struct CadenceBlock: BlockRenderer {
    var name: String { "cadence" }
    var itemTypes: [any BlockItem.Type] { [MeetingEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { CadenceDashboard.self }

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
            } else if character == "h" || character == "m", let value = Int(number), value <= 24 * 60 {
                // Each part is at most a day, so the sum of a few cannot overflow before the check below.
                total += character == "h" ? value * 60 : value
                guard total <= 24 * 60 else { return nil }
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
        guard
            var fields = FieldReader.item(
                node, kind: "cadence", known: Self.fields, shape: "each item must be a mapping with at least 'name'", problems: &problems)
        else { return nil }
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
        result.items[MeetingEntry.self] = meetings.map { meeting in
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
