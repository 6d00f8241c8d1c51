import Foundation

/// How a KPI's latest figure moved against the one before it, judged by which way is better.
public enum Trend: String, Hashable, Sendable {
    case improving, worsening, flat
}
