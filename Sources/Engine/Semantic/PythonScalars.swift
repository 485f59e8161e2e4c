import Foundation

/// Python's arithmetic and comparisons on plain values (`1.0 / 3`, `7 // 2`, `2 ** 10`, `-7 % 3`, `"a" + "b"`,
/// `3 > 2`), which a `.moltres` file evaluates before any column sees them, as Python evaluates them before
/// `lit(...)` or `.limit(...)` is called.
///
/// ``fold(_:_:_:)`` answers `nil` where Python raises (`1 / 0`, `0 ** -1`, `"a" + 1`, a comparison of text with
/// a number), where the answer is complex (`(-8) ** 0.5`), or where a 64-bit integer cannot hold Python's exact
/// answer (`2 ** 64`); the caller then compiles the operation as a column expression, so the database computes it
/// and the type checker reports what does not apply.
enum PythonScalars {
    /// The longest text that `"ab" * n` folds to; longer repetitions are left to the database.
    static let maximumRepeatedTextBytes = 1 << 20

    static func fold(
        _ op: Expression.BinaryOperator, _ left: DatabaseValue, _ right: DatabaseValue
    ) -> DatabaseValue? {
        switch (left, right) {
        case (.boolean(let x), .boolean(let y)) where op == .and || op == .or:
            return .boolean(op == .and ? x && y : x || y)
        case (.boolean(let x), _): return fold(op, .integer(x ? 1 : 0), right)
        case (_, .boolean(let y)): return fold(op, left, .integer(y ? 1 : 0))
        case (.integer(let x), .integer(let y)): return integers(op, x, y)
        case (.text(let x), .text(let y)): return texts(op, x, y)
        case (.text(let text), .integer(let count)), (.integer(let count), .text(let text)):
            return op == .multiply ? repeated(text, count) : equality(op, false)
        case (.null, .null): return equality(op, true)
        case (.null, _), (_, .null): return equality(op, false)
        default: break
        }
        if let x = number(left), let y = number(right) { return reals(op, x, y) }
        return equality(op, left == right)
    }

    /// Negation (`-x`) of a plain value; `nil` where 64 bits cannot hold the answer (`-(-2 ** 63)`).
    static func negate(_ value: DatabaseValue) -> DatabaseValue? {
        switch value {
        case .integer(let x): return x == .min ? nil : .integer(-x)
        case .real(let x): return .real(-x)
        case .boolean(let x): return .integer(x ? -1 : 0)
        default: return nil
        }
    }

    private static func number(_ value: DatabaseValue) -> Double? {
        switch value {
        case .integer(let x): return Double(x)
        case .real(let x): return x
        default: return nil
        }
    }

    /// `==` and `!=` between values Python compares without raising; other operators are left to the checker.
    private static func equality(_ op: Expression.BinaryOperator, _ equal: Bool) -> DatabaseValue? {
        switch op {
        case .equal: return .boolean(equal)
        case .notEqual: return .boolean(!equal)
        default: return nil
        }
    }

    private static func integers(_ op: Expression.BinaryOperator, _ x: Int64, _ y: Int64) -> DatabaseValue? {
        func exact(_ result: (partialValue: Int64, overflow: Bool)) -> DatabaseValue? {
            result.overflow ? nil : .integer(result.partialValue)
        }
        switch op {
        case .add: return exact(x.addingReportingOverflow(y))
        case .subtract: return exact(x.subtractingReportingOverflow(y))
        case .multiply: return exact(x.multipliedReportingOverflow(by: y))
        case .divide: return y == 0 ? nil : .real(Double(x) / Double(y))
        case .floorDivide:
            guard y != 0, !(x == .min && y == -1) else { return nil }
            let quotient = x / y
            return .integer(x % y != 0 && (x < 0) != (y < 0) ? quotient - 1 : quotient)
        case .modulo:
            guard y != 0 else { return nil }
            if y == -1 { return .integer(0) }
            let remainder = x % y
            return .integer(remainder != 0 && (remainder < 0) != (y < 0) ? remainder + y : remainder)
        case .power:
            guard y >= 0 else { return x == 0 ? nil : .real(Foundation.pow(Double(x), Double(y))) }
            return power(x, y).map { .integer($0) }
        case .and: return .integer(x & y)
        case .or: return .integer(x | y)
        default: return compare(op, x, y)
        }
    }

    /// `base ** exponent` by squaring; `nil` when the result leaves 64 bits.
    private static func power(_ base: Int64, _ exponent: Int64) -> Int64? {
        var result: Int64 = 1
        var factor = base
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 {
                let (product, overflow) = result.multipliedReportingOverflow(by: factor)
                guard !overflow else { return nil }
                result = product
            }
            remaining >>= 1
            guard remaining > 0 else { break }
            let (square, overflow) = factor.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            factor = square
        }
        return result
    }

    private static func reals(_ op: Expression.BinaryOperator, _ x: Double, _ y: Double) -> DatabaseValue? {
        switch op {
        case .add: return .real(x + y)
        case .subtract: return .real(x - y)
        case .multiply: return .real(x * y)
        case .divide: return y == 0 ? nil : .real(x / y)
        case .floorDivide: return y == 0 ? nil : .real(floorDivision(x, y).quotient)
        case .modulo: return y == 0 ? nil : .real(floorDivision(x, y).remainder)
        case .power:
            // Python raises for 0 ** -1 and for a finite result too large, and answers complex for (-8) ** 0.5.
            if x == 0 && y < 0 { return nil }
            if x < 0 && y.rounded(.towardZero) != y { return nil }
            let result = Foundation.pow(x, y)
            return result.isInfinite && x.isFinite && y.isFinite ? nil : .real(result)
        case .and, .or: return nil
        default: return compare(op, x, y)
        }
    }

    /// Python's float `//` and `%` (CPython's `float_divmod`): the remainder takes the divisor's sign.
    private static func floorDivision(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
        var remainder = fmod(x, y)
        var division = (x - remainder) / y
        if remainder != 0 {
            if (y < 0) != (remainder < 0) {
                remainder += y
                division -= 1
            }
        } else {
            remainder = copysign(0, y)
        }
        guard division != 0 else { return (copysign(0, x / y), remainder) }
        var quotient = floor(division)
        if division - quotient > 0.5 { quotient += 1 }
        return (quotient, remainder)
    }

    private static func texts(_ op: Expression.BinaryOperator, _ x: String, _ y: String) -> DatabaseValue? {
        if op == .add { return .text(x + y) }
        // Python orders text by code point.
        return compare(op, Array(x.unicodeScalars.lazy.map(\.value)), Array(y.unicodeScalars.lazy.map(\.value)))
    }

    private static func repeated(_ text: String, _ count: Int64) -> DatabaseValue? {
        guard count > 0 else { return .text("") }
        guard count <= maximumRepeatedTextBytes, text.utf8.count * Int(count) <= maximumRepeatedTextBytes else {
            return nil
        }
        return .text(String(repeating: text, count: Int(count)))
    }

    private static func compare<T: Comparable>(_ op: Expression.BinaryOperator, _ x: T, _ y: T) -> DatabaseValue? {
        ordered(op, x < y ? .less : x == y ? .equal : .greater)
    }

    private static func compare(_ op: Expression.BinaryOperator, _ x: [UInt32], _ y: [UInt32]) -> DatabaseValue? {
        ordered(op, x.lexicographicallyPrecedes(y) ? .less : x == y ? .equal : .greater)
    }

    private enum Order { case less, equal, greater }

    /// A comparison operator's answer for two values in `order`; `nil` for any other operator.
    private static func ordered(_ op: Expression.BinaryOperator, _ order: Order) -> DatabaseValue? {
        switch op {
        case .equal: return .boolean(order == .equal)
        case .notEqual: return .boolean(order != .equal)
        case .lessThan: return .boolean(order == .less)
        case .lessThanOrEqual: return .boolean(order != .greater)
        case .greaterThan: return .boolean(order == .greater)
        case .greaterThanOrEqual: return .boolean(order != .less)
        default: return nil
        }
    }
}
