import Foundation

/// The file the dashboard's "Export ticks" button saves: the ticks saved in one browser.
///
///     {"format": "playbook-ticks", "version": 1, "ticks": [{"page": "career/plan.html", "item": "write-it", "done": true}]}
public enum TicksFile {
    public static let format = "playbook-ticks"

    /// The ticks in `data`, or a message saying what is wrong with it.
    public static func read(_ data: Data) -> Result<[Tick], TicksFileError> {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(TicksFileError("not a JSON object; export the file with the dashboard's Export ticks button"))
        }
        guard object["format"] as? String == format else {
            return .failure(TicksFileError("not a ticks file (its \"format\" is not \"\(format)\")"))
        }
        guard let version = JSONValue.int(object["version"]), version == 1 else {
            return .failure(TicksFileError("unknown ticks file version; this Playbook reads version 1"))
        }
        guard let list = object["ticks"] as? [Any] else { return .failure(TicksFileError("\"ticks\" must be a list")) }
        var ticks: [Tick] = []
        for (index, entry) in list.enumerated() {
            guard let tick = entry as? [String: Any], let page = tick["page"] as? String, let item = tick["item"] as? String,
                let done = JSONValue.bool(tick["done"])
            else { return .failure(TicksFileError("tick \(index + 1) needs \"page\", \"item\" (text) and \"done\" (true or false)")) }
            ticks.append(Tick(page: page, item: item, done: done))
        }
        return .success(ticks)
    }
}

public struct TicksFileError: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Writes a list of ticks into the sources, one after the other (`playbook ticks apply`).
public struct TickApplication {
    public enum Result: Equatable, Sendable {
        case written(Tick, TickTarget)
        case unchanged(Tick, TickTarget)
        case refused(Tick, TickRefusal)
    }

    public var options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    /// Nil with the site's diagnostics when the site has errors (nothing is written then).
    public func apply(_ ticks: [Tick]) -> (results: [Result]?, diagnostics: [Diagnostic]) {
        let (read, diagnostics) = TickIndex.read(options: options)
        guard var index = read else { return (nil, diagnostics) }
        let writer = TickWriter(root: options.root)
        var results: [Result] = []
        for tick in ticks {
            guard let target = index.target(page: tick.page, item: tick.item) else {
                results.append(.refused(tick, .unknownItem(page: tick.page, item: tick.item)))
                continue
            }
            do {
                let outcome = try writer.write(tick.done, to: target)
                index.record(outcome, root: options.root)
                index.setDone(tick.done, page: tick.page, item: tick.item)
                if case .written = outcome { results.append(.written(tick, target)) } else { results.append(.unchanged(tick, target)) }
            } catch let refusal as TickRefusal {
                results.append(.refused(tick, refusal))
            } catch {
                results.append(.refused(tick, .notWritable(file: target.file, reason: "\(error)")))
            }
        }
        return (results, diagnostics)
    }
}
