/// Where the risk severity bands start (scores run from 1 to 25).
public struct RiskBands: Hashable, Sendable {
    public var medium = 5
    public var high = 10
    public var critical = 15
    public init() {}
}
