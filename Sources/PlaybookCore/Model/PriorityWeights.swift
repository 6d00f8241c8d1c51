/// Weights of the priority score.
public struct PriorityWeights: Hashable, Sendable {
    public var impact = 2
    public var urgency = 2
    public var effort = 1
    public var risk = 1
    public init() {}
}
