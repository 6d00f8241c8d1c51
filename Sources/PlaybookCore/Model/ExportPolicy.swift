/// When a build writes `playbook.html`.
public enum ExportPolicy: Hashable, Sendable {
    /// Up to `autoLimit` pages: a one-file handout of a larger site is too big to mail or open.
    case auto
    case always
    case never

    public static let autoLimit = 1_000

    func includes(pageCount: Int) -> Bool {
        switch self {
        case .auto: return pageCount <= Self.autoLimit
        case .always: return true
        case .never: return false
        }
    }
}
