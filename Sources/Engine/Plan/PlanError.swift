/// An error found while typing a plan or generating its SQL, with a stable code.
///
/// Codes follow the project's catalogue: `MOL2xxx` names and types, `MOL3xxx` API misuse,
/// `MOL4xxx` dialect support, `MOL5xxx` safety.
public struct PlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable code, such as `MOL4001`.
    public var code: String
    /// The message, written for the user.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `message [CODE]`.
    public var description: String { "\(message) [\(code)]" }

    /// `MOL2001`: a column name that matches nothing in scope.
    public static func unknownColumn(_ reference: ColumnReference, candidates: [String]) -> PlanError {
        let name = reference.qualifier.map { "\($0).\(reference.name)" } ?? reference.name
        let hint = candidates.isEmpty ? "" : "; available: \(candidates.joined(separator: ", "))"
        return PlanError(code: "MOL2001", message: "unknown column '\(name)'\(hint)")
    }

    /// `MOL2002`: an unqualified name that matches several columns.
    public static func ambiguousColumn(_ name: String, candidates: [String]) -> PlanError {
        PlanError(
            code: "MOL2002",
            message: "column '\(name)' is ambiguous; qualify it as one of \(candidates.joined(separator: ", "))")
    }

    /// `MOL2003`: an unknown table.
    public static func unknownTable(_ name: String) -> PlanError {
        PlanError(code: "MOL2003", message: "unknown table '\(name)'")
    }

    /// `MOL2101`: operand types that do not fit an operator.
    public static func typeMismatch(_ detail: String) -> PlanError {
        PlanError(code: "MOL2101", message: detail)
    }

    /// `MOL3001`: a function called with a wrong number of arguments.
    public static func wrongArity(_ function: BuiltinFunction, got count: Int) -> PlanError {
        let expected: String
        if let maximum = function.maximumArguments {
            expected =
                maximum == function.minimumArguments
                ? "\(maximum)" : "\(function.minimumArguments) to \(maximum)"
        } else {
            expected = "at least \(function.minimumArguments)"
        }
        return PlanError(
            code: "MOL3001", message: "\(function.name)() takes \(expected) argument(s), got \(count)")
    }

    /// `MOL3002`: an invalid use of the API (a window function without `over`, a bad `how=`, …).
    public static func invalidUse(_ detail: String) -> PlanError {
        PlanError(code: "MOL3002", message: detail)
    }

    /// `MOL4001`: a function the dialect cannot express.
    public static func unsupportedFunction(_ name: String, dialect: String, reason: String? = nil) -> PlanError {
        PlanError(
            code: "MOL4001",
            message: "\(name)() is not supported on \(dialect)" + (reason.map { ": \($0)" } ?? ""))
    }

    /// `MOL4002`: a construct (not a function) the dialect cannot express.
    public static func unsupportedFeature(_ feature: String, dialect: String) -> PlanError {
        PlanError(code: "MOL4002", message: "\(feature) is not supported on \(dialect)")
    }
}
