import Foundation

public struct MeetingEntry: BlockItem {
    public var name: String
    public var every: String?
    public var start: LocalDateTime?
    public var minutes: Int?
    public var audience: String?
    public var location: ItemLocation
}
