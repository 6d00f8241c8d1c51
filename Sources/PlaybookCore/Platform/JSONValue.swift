import Foundation

/// Strict reading of values from `JSONSerialization`, which hands numbers and booleans out as
/// `NSNumber`s that convert to each other: `1` and `1.0` read `as? Bool` give true.
public enum JSONValue {
    /// `true` or `false` written as such in the JSON; nil for a number, a string or anything else.
    public static func bool(_ value: Any?) -> Bool? {
        guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else { return nil }
        return number.boolValue
    }

    /// A whole number written without a fraction or exponent; nil for `true`, `1.0` or anything else.
    public static func int(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber, !["c", "d", "f"].contains(String(cString: number.objCType)) else { return nil }
        return number.intValue
    }
}
