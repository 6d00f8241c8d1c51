/// A priority's band: P1 at a score of 8 or more, P2 from 4, P3 below.
public enum PriorityBand: String, CaseIterable, Hashable, Sendable {
    case p1 = "P1"
    case p2 = "P2"
    case p3 = "P3"

    init(score: Int) { self = score >= 8 ? .p1 : score >= 4 ? .p2 : .p3 }
}
