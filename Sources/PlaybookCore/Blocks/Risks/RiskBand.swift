/// Where a risk's score falls (`risk_bands:` in `playbook.yml` moves the edges).
public enum RiskBand: String, CaseIterable, Hashable, Sendable {
    case low, medium, high, critical
}
