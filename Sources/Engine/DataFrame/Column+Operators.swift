/// Exponentiation precedence, above multiplication, right-associative.
precedencegroup ColumnPowerPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}

/// `a ** b`: power.
infix operator ** : ColumnPowerPrecedence

extension Column {
    private static func make(_ op: Expression.BinaryOperator, _ lhs: Expression, _ rhs: Expression) -> Column {
        // An alias on an operand names the operand only; the result is unnamed until aliased.
        Column(.binary(op, lhs.unaliased, rhs.unaliased))
    }

    /// `a + b` (text operands concatenate).
    public static func + (lhs: Column, rhs: Column) -> Column { make(.add, lhs.expression, rhs.expression) }
    /// `a + value`.
    public static func + (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.add, lhs.expression, rhs.columnExpression)
    }
    /// `value + a`.
    public static func + (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.add, lhs.columnExpression, rhs.expression)
    }
    /// `a - b`.
    public static func - (lhs: Column, rhs: Column) -> Column { make(.subtract, lhs.expression, rhs.expression) }
    /// `a - value`.
    public static func - (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.subtract, lhs.expression, rhs.columnExpression)
    }
    /// `value - a`.
    public static func - (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.subtract, lhs.columnExpression, rhs.expression)
    }
    /// `a * b`.
    public static func * (lhs: Column, rhs: Column) -> Column { make(.multiply, lhs.expression, rhs.expression) }
    /// `a * value`.
    public static func * (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.multiply, lhs.expression, rhs.columnExpression)
    }
    /// `value * a`.
    public static func * (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.multiply, lhs.columnExpression, rhs.expression)
    }
    /// `a / b`: true division.
    public static func / (lhs: Column, rhs: Column) -> Column { make(.divide, lhs.expression, rhs.expression) }
    /// `a / value`.
    public static func / (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.divide, lhs.expression, rhs.columnExpression)
    }
    /// `value / a`.
    public static func / (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.divide, lhs.columnExpression, rhs.expression)
    }
    /// `a % b`.
    public static func % (lhs: Column, rhs: Column) -> Column { make(.modulo, lhs.expression, rhs.expression) }
    /// `a % value`.
    public static func % (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.modulo, lhs.expression, rhs.columnExpression)
    }
    /// `value % a`.
    public static func % (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.modulo, lhs.columnExpression, rhs.expression)
    }
    /// `a ** b`.
    public static func ** (lhs: Column, rhs: Column) -> Column { make(.power, lhs.expression, rhs.expression) }
    /// `a ** value`.
    public static func ** (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.power, lhs.expression, rhs.columnExpression)
    }
    /// `value ** a`.
    public static func ** (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.power, lhs.columnExpression, rhs.expression)
    }
    /// `-a`.
    public static prefix func - (operand: Column) -> Column { Column(.unary(.negate, operand.expression.unaliased)) }

    /// `a == b`; comparing with `nil` means `IS NULL`.
    public static func == (lhs: Column, rhs: Column) -> Column { make(.equal, lhs.expression, rhs.expression) }
    /// `a == value`.
    public static func == (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.equal, lhs.expression, rhs.columnExpression)
    }
    /// `value == a`.
    public static func == (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.equal, lhs.columnExpression, rhs.expression)
    }
    /// `a != b`; comparing with `nil` means `IS NOT NULL`.
    public static func != (lhs: Column, rhs: Column) -> Column { make(.notEqual, lhs.expression, rhs.expression) }
    /// `a != value`.
    public static func != (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.notEqual, lhs.expression, rhs.columnExpression)
    }
    /// `value != a`.
    public static func != (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.notEqual, lhs.columnExpression, rhs.expression)
    }
    /// `a < b`.
    public static func < (lhs: Column, rhs: Column) -> Column { make(.lessThan, lhs.expression, rhs.expression) }
    /// `a < value`.
    public static func < (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.lessThan, lhs.expression, rhs.columnExpression)
    }
    /// `value < a`.
    public static func < (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.lessThan, lhs.columnExpression, rhs.expression)
    }
    /// `a <= b`.
    public static func <= (lhs: Column, rhs: Column) -> Column {
        make(.lessThanOrEqual, lhs.expression, rhs.expression)
    }
    /// `a <= value`.
    public static func <= (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.lessThanOrEqual, lhs.expression, rhs.columnExpression)
    }
    /// `value <= a`.
    public static func <= (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.lessThanOrEqual, lhs.columnExpression, rhs.expression)
    }
    /// `a > b`.
    public static func > (lhs: Column, rhs: Column) -> Column { make(.greaterThan, lhs.expression, rhs.expression) }
    /// `a > value`.
    public static func > (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.greaterThan, lhs.expression, rhs.columnExpression)
    }
    /// `value > a`.
    public static func > (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.greaterThan, lhs.columnExpression, rhs.expression)
    }
    /// `a >= b`.
    public static func >= (lhs: Column, rhs: Column) -> Column {
        make(.greaterThanOrEqual, lhs.expression, rhs.expression)
    }
    /// `a >= value`.
    public static func >= (lhs: Column, rhs: DatabaseValue) -> Column {
        make(.greaterThanOrEqual, lhs.expression, rhs.columnExpression)
    }
    /// `value >= a`.
    public static func >= (lhs: DatabaseValue, rhs: Column) -> Column {
        make(.greaterThanOrEqual, lhs.columnExpression, rhs.expression)
    }
    /// `a & b`: AND.
    public static func & (lhs: Column, rhs: Column) -> Column { make(.and, lhs.expression, rhs.expression) }
    /// `a | b`: OR.
    public static func | (lhs: Column, rhs: Column) -> Column { make(.or, lhs.expression, rhs.expression) }
    /// `~a`: NOT.
    public static prefix func ~ (operand: Column) -> Column { Column(.unary(.not, operand.expression.unaliased)) }
    /// `!a`: NOT.
    public static prefix func ! (operand: Column) -> Column { ~operand }
}

// Swift values in variables (`col("amount") > minimum` with `let minimum = 100`): literals in the source use the
// `DatabaseValue` overloads above, which Swift prefers over these generic ones.
extension Column {
    /// `a + value` for a Swift value.
    public static func + <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.add, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value + a` for a Swift value.
    public static func + <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.add, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a - value` for a Swift value.
    public static func - <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.subtract, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value - a` for a Swift value.
    public static func - <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.subtract, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a * value` for a Swift value.
    public static func * <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.multiply, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value * a` for a Swift value.
    public static func * <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.multiply, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a / value` for a Swift value.
    public static func / <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.divide, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value / a` for a Swift value.
    public static func / <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.divide, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a % value` for a Swift value.
    public static func % <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.modulo, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value % a` for a Swift value.
    public static func % <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.modulo, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a == value` for a Swift value.
    public static func == <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.equal, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value == a` for a Swift value.
    public static func == <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.equal, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a != value` for a Swift value.
    public static func != <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.notEqual, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value != a` for a Swift value.
    public static func != <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.notEqual, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a < value` for a Swift value.
    public static func < <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.lessThan, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value < a` for a Swift value.
    public static func < <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.lessThan, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a <= value` for a Swift value.
    public static func <= <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.lessThanOrEqual, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value <= a` for a Swift value.
    public static func <= <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.lessThanOrEqual, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a > value` for a Swift value.
    public static func > <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.greaterThan, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value > a` for a Swift value.
    public static func > <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.greaterThan, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
    /// `a >= value` for a Swift value.
    public static func >= <Value: ColumnConvertible>(lhs: Column, rhs: Value) -> Column {
        Column(.binary(.greaterThanOrEqual, lhs.expression.unaliased, rhs.columnExpression.unaliased))
    }
    /// `value >= a` for a Swift value.
    public static func >= <Value: ColumnConvertible>(lhs: Value, rhs: Column) -> Column {
        Column(.binary(.greaterThanOrEqual, lhs.columnExpression.unaliased, rhs.expression.unaliased))
    }
}
