import CPostgres
import Foundation

/// Owns one libpq `PGresult` and frees it with `PQclear` when released.
///
/// Values read from it (`PQgetvalue`) point into the result's memory and are copied into
/// ``DatabaseValue`` before the result goes away.
/// See https://www.postgresql.org/docs/current/libpq-exec.html#LIBPQ-PQCLEAR:
/// "Every command result should be freed via PQclear when it is no longer needed."
final class PostgresResult {
    /// The result handle; valid for the lifetime of this object.
    let handle: OpaquePointer

    /// Takes ownership of a result returned by libpq.
    init(taking handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }

    /// The result's status (`PGRES_TUPLES_OK`, `PGRES_SINGLE_TUPLE`, `PGRES_FATAL_ERROR`, …).
    var status: ExecStatusType { PQresultStatus(handle) }

    /// Whether the status means the command failed.
    var isError: Bool {
        switch status {
        case PGRES_FATAL_ERROR, PGRES_BAD_RESPONSE, PGRES_NONFATAL_ERROR: return true
        default: return false
        }
    }

    /// The number of rows the command affected (`PQcmdTuples`), or 0 when it reports none.
    var affectedRowCount: Int {
        guard let text = PQcmdTuples(handle), text.pointee != 0 else { return 0 }
        return Int(
            parseDecimalInteger(UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), length: strlen(text)) ?? 0)
    }

    /// The number of rows held.
    var rowCount: Int { Int(PQntuples(handle)) }
    /// The number of columns.
    var columnCount: Int { Int(PQnfields(handle)) }

    /// The text of one field of the diagnostics (`PG_DIAG_SQLSTATE`, …), if present.
    func errorField(_ code: UInt8) -> String? {
        guard let text = PQresultErrorField(handle, Int32(code)) else { return nil }
        return String(cString: text)
    }

    /// Builds a ``DatabaseError`` from an error result.
    ///
    /// The message is the primary message, followed by the detail and hint when the server gives them.
    func error(sql: String?, connection: OpaquePointer?, cancelRequested: Bool) -> DatabaseError {
        let sqlState = errorField(UInt8(ascii: "C"))
        var message = errorField(UInt8(ascii: "M")) ?? ""
        if message.isEmpty {
            message = String(cString: PQresultErrorMessage(handle)).trimmingTrailingWhitespace()
        }
        if message.isEmpty, let connection {
            message = String(cString: PQerrorMessage(connection)).trimmingTrailingWhitespace()
        }
        if let detail = errorField(UInt8(ascii: "D")), !detail.isEmpty { message += " (detail: \(detail))" }
        if let hint = errorField(UInt8(ascii: "H")), !hint.isEmpty { message += " (hint: \(hint))" }
        let position = errorField(UInt8(ascii: "P")).flatMap { Int($0) }
        var kind = PostgresErrorKind.kind(sqlState: sqlState, message: message, cancelRequested: cancelRequested)
        if sqlState == nil, let connection, PQstatus(connection) == CONNECTION_BAD { kind = .connection }
        return DatabaseError(kind: kind, message: message, sqlState: sqlState, sql: sql, position: position)
    }
}

@available(*, unavailable)
extension PostgresResult: Sendable {}

/// Maps PostgreSQL SQLSTATEs to ``DatabaseError/Kind``.
///
/// See https://www.postgresql.org/docs/current/errcodes-appendix.html.
enum PostgresErrorKind {
    /// The kind for a SQLSTATE; `message` tells a statement timeout from a cancel request (both are 57014).
    static func kind(sqlState: String?, message: String, cancelRequested: Bool) -> DatabaseError.Kind {
        guard let sqlState, sqlState.utf8.count == 5 else { return .other }
        switch sqlState {
        case "28P01", "28000": return .authentication
        case "25006": return .readOnly
        case "57014":
            if message.contains("statement timeout") { return .timeout }
            if message.contains("user request") || cancelRequested { return .cancelled }
            return .timeout
        case "57P01", "57P02", "57P03": return .connection
        case "40001", "40P01", "55P03": return .busy
        default: break
        }
        if sqlState.hasPrefix("23") { return .constraint }
        if sqlState.hasPrefix("08") { return .connection }
        if sqlState.hasPrefix("42") || sqlState.hasPrefix("22") { return .sql }
        return .other
    }
}

extension String {
    /// The string without trailing spaces and newlines (libpq messages end with a newline).
    func trimmingTrailingWhitespace() -> String {
        var view = Substring(self)
        while let last = view.last, last == " " || last == "\n" || last == "\t" || last == "\r" {
            view = view.dropLast()
        }
        return String(view)
    }
}

/// Parses an optionally signed decimal integer from `length` bytes; `nil` when malformed or out of range.
///
/// Hand-written because it runs for every integer cell of every row.
@inline(__always)
@usableFromInline func parseDecimalInteger(_ bytes: UnsafePointer<UInt8>, length: Int) -> Int64? {
    guard length > 0 else { return nil }
    var index = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") {
        negative = true
        index = 1
    } else if bytes[0] == UInt8(ascii: "+") {
        index = 1
    }
    guard index < length else { return nil }
    // Up to 18 digits cannot overflow (18 nines are below Int64.max): no overflow check per digit.
    if length &- index <= 18 {
        var value: Int64 = 0
        while index < length {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            value = value &* 10 &+ Int64(digit)
            index &+= 1
        }
        return negative ? -value : value
    }
    // Accumulate as a negative number so Int64.min fits.
    var value: Int64 = 0
    while index < length {
        let digit = Int64(bytes[index]) - 48
        guard digit >= 0 && digit <= 9 else { return nil }
        let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
        guard !overflow1 && !overflow2 else { return nil }
        value = next
        index += 1
    }
    if negative { return value }
    return value == Int64.min ? nil : -value
}
