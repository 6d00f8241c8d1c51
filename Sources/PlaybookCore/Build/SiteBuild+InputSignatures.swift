import Foundation

extension SiteBuild {
    /// The signatures of every input plus a pseudo-entry for the options, the tool and the build date.
    /// `expecting`: about how many there are (the last build's count), so the table is made big enough once.
    func inputSignatures(expecting: Int = 0) -> [String: FileSignature] {
        let root = options.root
        var inputs = FileTree.signatures(below: root.appendingPathComponent("content"), prefix: "content", capacity: expecting)
        for folder in ["data", "themes", "layouts", "static"] {
            inputs.merge(FileTree.signatures(below: root.appendingPathComponent(folder), prefix: folder)) { a, _ in a }
        }
        if case .file(_, let signature) = FileTree.kind(of: root.appendingPathComponent("playbook.yml")) {
            inputs["playbook.yml"] = signature
        }
        var digest = Digest()
        digest.add(Self.toolVersion)
        digest.add("\(options.includeDrafts) \(options.baseURL ?? "") \(options.outputs.map { String(describing: $0) }) \(options.buildDate)")
        inputs["#options"] = FileSignature(size: 0, modified: Int(bitPattern: UInt(digest.value)), inode: 0)
        if let tool = Self.toolSignature { inputs["#tool"] = tool }
        return inputs
    }

    /// The previous build's manifest when nothing it was made from has changed and its output is intact.
    func upToDate(_ previous: BuildCache, inputs: [String: FileSignature]) -> BuildCache? {
        guard previous.outputFolder == options.output.path, previous.inputs == inputs else { return nil }
        guard OutputRecords.matches(previous.outputs, in: options.output) else { return nil }
        return previous
    }

    /// Changes whenever the cache format or the tool does.
    static let toolVersion = "0.1.0/" + BuildCache.formatVersion

    /// The running executable's file: a rebuilt tool (same version number, new code) must neither call
    /// an old build up to date nor reuse pages the old code rendered.
    static let toolSignature: FileSignature? = {
        guard let tool = Bundle.main.executableURL?.resolvingSymlinksInPath(), case .file(_, let signature) = FileTree.kind(of: tool) else {
            return nil
        }
        return signature
    }()
}
