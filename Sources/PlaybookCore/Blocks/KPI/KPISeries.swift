import Foundation

/// A KPI's measured figures, read from `series: data/NAME.csv` or `series: data/NAME.json`.
///
/// CSV: a header `date,value` (an optional `note` column), dates `YYYY-MM-DD`, values as in `actual:`
/// (`180ms`, `99.9%`) or bare numbers in the KPI's `unit:`. JSON: a Prometheus HTTP API `query_range`
/// response (`resultType: matrix` with exactly one series of `[unix time, "value"]` pairs, in the KPI's
/// `unit:`). Points come back sorted by date; a later point of the same date replaces an earlier one.
struct KPISeries {
    struct Point: Equatable {
        var day: Day
        var value: Quantity
        var note: String?
        var line: Int
    }

    var points: [Point]

    /// The newest point (the actual figure).
    var latest: Point? { points.last }

    /// Reads `data` (a CSV or JSON file named `path`); problems carry `path` and the line.
    static func read(_ data: Data, path: String, unit: MeasureUnit) -> (KPISeries?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        let text = PageParser.decode(data, path: path, diagnostics: &problems)
        let points: [Point]?
        if path.lowercased().hasSuffix(".json") {
            points = prometheus(text, path: path, unit: unit, problems: &problems)
        } else {
            points = csv(text, path: path, unit: unit, problems: &problems)
        }
        guard let points, !problems.hasErrors else { return (nil, problems) }
        var byDay: [Day: Point] = [:]
        for point in points { byDay[point.day] = point }
        return (KPISeries(points: byDay.values.sorted { $0.day < $1.day }), problems)
    }

    private static func value(_ text: String, unit: MeasureUnit) -> Quantity? {
        guard var quantity = Quantity(text.trimmedSpaces) else { return nil }
        if quantity.unit == .none { quantity.unit = unit }
        return quantity
    }

    private static func csv(_ text: String, path: String, unit: MeasureUnit, problems: inout [Diagnostic]) -> [Point]? {
        let (rows, quoting) = CSVItems.records(text)
        problems += quoting.map { $0.located(in: path, lineOffset: 0) }
        guard let header = rows.first else {
            problems.append(.error(path, line: 1, "the series file is empty; it needs a header row 'date,value' (and optionally 'note')"))
            return nil
        }
        let names = header.cells.map { $0.trimmedSpaces.lowercased() }
        guard let dateColumn = names.firstIndex(of: "date"), let valueColumn = names.firstIndex(of: "value") else {
            problems.append(
                .error(
                    path, line: header.line,
                    "a series file's header must name the columns 'date' and 'value' (and optionally 'note'), not '\(names.joined(separator: ","))'"))
            return nil
        }
        let noteColumn = names.firstIndex(of: "note")
        var points: [Point] = []
        for row in rows.dropFirst() {
            func cell(_ index: Int?) -> String { index.flatMap { $0 < row.cells.count ? row.cells[$0].trimmedSpaces : nil } ?? "" }
            guard let day = Day(cell(dateColumn)) else {
                problems.append(.error(path, line: row.line, "series row: date must be YYYY-MM-DD, not '\(cell(dateColumn))'"))
                continue
            }
            guard let quantity = value(cell(valueColumn), unit: unit) else {
                problems.append(
                    .error(
                        path, line: row.line, "series row: value must be a number with an optional unit (such as 180ms), not '\(cell(valueColumn))'"))
                continue
            }
            let note = cell(noteColumn)
            points.append(Point(day: day, value: quantity, note: note.isEmpty ? nil : note, line: row.line))
        }
        return points
    }

    private static func prometheus(_ text: String, path: String, unit: MeasureUnit, problems: inout [Diagnostic]) -> [Point]? {
        func fail(_ message: String) -> [Point]? {
            problems.append(.error(path, line: 1, message))
            return nil
        }
        guard let response = try? JSONDecoder().decode(PrometheusResponse.self, from: Data(text.utf8)) else {
            return fail("not a JSON object; a series .json file must hold a Prometheus query_range response")
        }
        if let status = response.status, status != "success" {
            return fail("the Prometheus response has status '\(status)'\(response.error.map { ": \($0)" } ?? "")")
        }
        guard let kind = response.data?.resultType else {
            return fail("a Prometheus response needs 'data' with 'resultType' (from /api/v1/query_range)")
        }
        guard kind == "matrix", let result = response.data?.result else {
            return fail("the Prometheus result must be a matrix (a query_range response), not '\(kind)'")
        }
        guard result.count == 1 else {
            return fail("the Prometheus result must hold exactly one series, not \(result.count); narrow the query (sum by, or a label filter)")
        }
        guard let values = result[0].values else { return fail("the Prometheus series has no 'values'") }
        let lines = pairLines(text)
        var points: [Point] = []
        points.reserveCapacity(values.count)
        for (index, pair) in values.enumerated() {
            let line = index < lines.count ? lines[index] : 1
            guard let time = pair.time, let text = pair.value, let number = Double(text), number.isFinite else {
                problems.append(.error(path, line: line, "Prometheus value \(index + 1) must be [unix time, \"number\"]"))
                return nil
            }
            guard time.isFinite, let seconds = Int(exactly: time.rounded(.down)), Day.unixTimeRange.contains(seconds) else {
                problems.append(
                    .error(
                        path, line: line,
                        "Prometheus value \(index + 1): time stamp \(time) is out of range (seconds since 1970, for years 1 to 9999)"))
                return nil
            }
            // Prometheus values are bare numbers in the KPI's unit.
            guard let quantity = value(text, unit: unit) else {
                problems.append(.error(path, line: line, "Prometheus value \(index + 1) ('\(text)') is not a number"))
                return nil
            }
            points.append(Point(day: Day(unixTime: seconds), value: quantity, note: nil, line: line))
        }
        return points
    }

    /// The line of each `[time, "value"]` pair in a Prometheus response: every array whose first element
    /// is a number, in order (strings are skipped whole, so labels cannot be mistaken for pairs).
    static func pairLines(_ text: String) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var inString = false
        var escaped = false
        var openedAt: Int?
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): continue
            case UInt8(ascii: "["):
                openedAt = line
                continue
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): if let start = openedAt { lines.append(start) }
            default: break
            }
            openedAt = nil
        }
        return lines
    }

    /// Keeps the points newer than `window` (`90d`, `12w`, `6m`) before `today`; nil when `window` is not one.
    static func cutoff(_ window: String, before today: Day) -> Day? {
        period(window).map { cutoff($0, before: today) }
    }

    /// The day `period` before `today`.
    /// A number of days, weeks or months (`90d`, `12w`, `6m`).
    typealias Period = (count: Int, unit: Character)

    static func cutoff(_ period: Period, before today: Day) -> Day {
        let (count, unit) = period
        switch unit {
        case "d": return today.adding(days: -count)
        case "w": return today.adding(days: -7 * count)
        default: return today.adding(months: -count)
        }
    }

    /// `14d` → (14, "d"); also `w` (weeks) and `m` (months). Any positive whole number; see `periodInRange`.
    static func period(_ text: String) -> Period? {
        let trimmed = text.trimmedSpaces.lowercased()
        guard let unit = trimmed.last, "dwm".contains(unit), let count = Int(trimmed.dropLast()), count > 0 else { return nil }
        return (count, unit)
    }

    /// The longest window or staleness limit: 100 years, as days, weeks or months.
    static let longestPeriod = "36525d, 5218w or 1200m"

    /// Whether `period` is at most a hundred years (longer ones are refused rather than overflowing date arithmetic).
    static func periodInRange(_ period: Period) -> Bool {
        switch period.unit {
        case "d": return period.count <= 36_525
        case "w": return period.count <= 5_218
        default: return period.count <= 1_200
        }
    }
}

/// The parts of a Prometheus `query_range` response a series needs. Decoded leniently (a field of
/// another type reads as missing), so each shape problem gets its own message; a pair is two values
/// without the objects `JSONSerialization` would make for every number and string.
private struct PrometheusResponse: Decodable {
    var status: String?
    var error: String?
    var data: Body?

    struct Body: Decodable {
        var resultType: String?
        var result: [Series]?

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            resultType = try? container.decode(String.self, forKey: .resultType)
            result = try? container.decode([Series].self, forKey: .result)
        }

        enum CodingKeys: String, CodingKey { case resultType, result }
    }

    struct Series: Decodable {
        var values: [Pair]?

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            values = try? container.decode([Pair].self, forKey: .values)
        }

        enum CodingKeys: String, CodingKey { case values }
    }

    /// `[unix time, "value"]`; either is nil when the pair has another shape.
    struct Pair: Decodable {
        var time: Double?
        var value: String?

        init(from decoder: Decoder) {
            guard var container = try? decoder.unkeyedContainer(), container.count == 2 else { return }
            time = try? container.decode(Double.self)
            if time != nil { value = try? container.decode(String.self) }
        }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try? container.decode(String.self, forKey: .status)
        error = try? container.decode(String.self, forKey: .error)
        data = try? container.decode(Body.self, forKey: .data)
    }

    enum CodingKeys: String, CodingKey { case status, error, data }
}
