/// An error found while typing a plan or generating its SQL, with a stable code.
///
/// Codes are the diagnostics catalogue's own (`DiagnosticCatalog`, docs/diagnostics.md): `MOL2xxx` names and
/// types, `MOL3xxx` API misuse, `MOL4xxx` dialect support, `MOL5xxx` safety; a diagnostic made from a
/// `PlanError` uses its code as is.
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

    /// Creates an error with a code of the diagnostics catalogue (`DiagnosticCatalog`).
    public init(_ code: DiagnosticCode, message: String) {
        self.code = code.rawValue
        self.message = message
    }

    /// The code as a catalogue code: a `PlanError` carries its catalogue code itself, no translation.
    public var diagnosticCode: DiagnosticCode { DiagnosticCode(code) }

    /// `message [CODE]`.
    public var description: String { "\(message) [\(code)]" }

    /// `MOL2001`: a column name that matches nothing in scope.
    public static func unknownColumn(_ reference: ColumnReference, candidates: [String]) -> PlanError {
        let name = reference.qualifier.map { "\($0).\(reference.name)" } ?? reference.name
        let hint = candidates.isEmpty ? "" : "; available: \(candidates.joined(separator: ", "))"
        return PlanError(.unknownColumn, message: "unknown column '\(name)'\(hint)")
    }

    /// `MOL2003`: an unqualified name that matches several columns.
    public static func ambiguousColumn(_ name: String, candidates: [String]) -> PlanError {
        PlanError(
            .ambiguousColumn,
            message: "column '\(name)' is ambiguous; qualify it as one of \(candidates.joined(separator: ", "))")
    }

    /// `MOL2002`: an unknown table.
    public static func unknownTable(_ name: String) -> PlanError {
        PlanError(.unknownTable, message: "unknown table '\(name)'")
    }

    /// `MOL2010`: operand types that do not fit an operator.
    public static func typeMismatch(_ detail: String) -> PlanError {
        PlanError(.operatorTypeMismatch, message: detail)
    }

    /// `MOL3002`: a function called with a wrong number of arguments.
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
            .wrongArity, message: "\(function.name)() takes \(expected) argument(s), got \(count)")
    }

    /// `MOL3007`: an invalid use of the API (a window function without `over`, a bad `how=`, …).
    public static func invalidUse(_ detail: String) -> PlanError {
        PlanError(.invalidUse, message: detail)
    }

    /// `MOL4001`: a function the dialect cannot express.
    public static func unsupportedFunction(_ name: String, dialect: String, reason: String? = nil) -> PlanError {
        PlanError(
            .unsupportedFunction,
            message: "\(name)() is not supported on \(dialect)" + (reason.map { ": \($0)" } ?? ""))
    }

    /// `MOL4001`: a use of a function the dialect cannot express, such as "rand with a seed" (the function itself
    /// is supported).
    public static func unsupportedFunction(use: String, dialect: String) -> PlanError {
        PlanError(.unsupportedFunction, message: "\(use) is not supported on \(dialect)")
    }

    /// `MOL4002`: a construct (not a function) the dialect cannot express.
    public static func unsupportedFeature(_ feature: String, dialect: String) -> PlanError {
        PlanError(.unsupportedFeature, message: "\(feature) is not supported on \(dialect)")
    }
}
